# frozen_string_literal: true

module Namaskah
  # The Namaskah client: one reader per resource (`client.verifications`, `client.webhook_endpoints.deliveries`),
  # plus `webhooks` and `realtime`.
  #
  # @example
  #   client = Namaskah::Client.new # NAMASKAH_API_KEY and NAMASKAH_BASE_URL from the environment
  #   verification = client.verifications.create(service: "whatsapp", country: "US")
  #   puts client.verifications.wait_for_code(verification.id).code
  class Client
    include ResourceAccessors

    DEFAULT_BASE_URL = "https://api.namaskah.dev"
    USER_AGENT = "namaskah-ruby/#{VERSION} ruby/#{RUBY_VERSION}".freeze
    REDACTED_HEADERS = %w[authorization cookie set-cookie x-api-key].freeze

    attr_reader :base_url, :max_retries, :timeout, :open_timeout, :max_retry_time, :logger, :transport, :webhooks

    # @param api_key [String, Proc, nil] API key (nmk_live_...) or access token, sent as a bearer token;
    #   a Proc is called per request. Defaults to ENV["NAMASKAH_API_KEY"].
    # @param base_url [String, nil] defaults to ENV["NAMASKAH_BASE_URL"], then https://api.namaskah.dev.
    # @param max_retries [Integer] retries after the first attempt (connection errors, 408, 409, 429, 5xx but 501).
    # @param timeout [Numeric] read timeout of an attempt, seconds. @param open_timeout [Numeric] connect timeout.
    # @param max_retry_time [Numeric] bound on a whole call, retries and waits included, seconds.
    # @param logger [Logger, nil] request lines at info, headers at debug, secrets redacted;
    #   ENV["NAMASKAH_LOG"]=debug|info logs to stderr.
    # @param on_retry [Proc, nil] called with (attempt, delay_seconds, error) before each retry.
    # @param transport [#call] the HTTP transport (NetHTTPTransport by default).
    # @param webhook_secret [String, nil] the whsec_ secret `client.webhooks` verifies and signs with;
    #   defaults to ENV["NAMASKAH_WEBHOOK_SECRET"].
    def initialize(api_key: nil, base_url: nil, max_retries: 2, timeout: 60, open_timeout: 10, max_retry_time: 180,
                   default_headers: {}, logger: nil, on_retry: nil, transport: nil, sleeper: nil, random: nil,
                   webhook_secret: nil)
      @api_key = api_key || ENV.fetch("NAMASKAH_API_KEY", nil)
      @base_url = (base_url || ENV["NAMASKAH_BASE_URL"].then { |u| u.nil? || u.empty? ? nil : u } ||
                   DEFAULT_BASE_URL).chomp("/")
      @max_retries = max_retries
      @timeout = timeout
      @open_timeout = open_timeout
      @max_retry_time = max_retry_time
      @default_headers = default_headers.transform_keys { |k| k.to_s.downcase }
      @logger = logger || env_logger
      @on_retry = on_retry
      @transport = transport || NetHTTPTransport.new
      @sleeper = sleeper || ->(seconds) { sleep(seconds) }
      @random = random || Random.new
      @webhooks = WebhookHelper.new(webhook_secret)
      build_resources
    end

    def inspect = "#<Namaskah::Client #{@base_url}>"

    # True when the client has an API key or access token (given, a Proc, or NAMASKAH_API_KEY).
    def credentials? = @api_key.respond_to?(:call) || !@api_key.to_s.empty?

    # Closes idle connections.
    def close
      @transport.close if @transport.respond_to?(:close)
    end

    # One logical request (its retries included), decoded by `type` (see Namaskah::Types).
    def request(method:, path:, type: :unknown, response: :json, options: {}, **parts)
      prepared = prepare(method, path, response, options, **parts)
      http_response = send_with_retries(prepared, options)
      decode(type, response, http_response)
    end

    # Like `request`, for cursor-paginated lists: a Page that fetches the following pages on demand.
    def request_page(pagination:, item_type:, query: {}, **kwargs)
      fetch = lambda do |cursor|
        page_query = cursor.nil? ? query : query.merge(pagination[:cursor] => cursor)
        page = request(query: page_query, **kwargs)
        Page.new(page, item_type, pagination, &fetch)
      end
      fetch.call(nil)
    end

    # Like `request`, for a text/event-stream response: an EventStream to iterate (each opens the stream).
    def request_stream(method:, path:, options: {}, response: :event_stream, **parts)
      EventStream.new(self, prepare(method, path, response, options, **parts))
    end

    # @api private
    def prepare(method, path, response, options, path_params: {}, query: {}, headers: {}, body: OMIT,
                body_kind: nil, idempotent: false, public: false)
      # A call the spec only allows with credentials is refused before anything is sent.
      raise MissingCredentialsError, "#{method.upcase} #{path}" if !public && !credentials?

      out = {
        "accept" => response == :event_stream ? "text/event-stream" : "application/json, application/problem+json",
        "user-agent" => USER_AGENT
      }.merge(@default_headers)
      headers.each { |k, v| out[k.downcase] = scalar(v) unless v.nil? || v.equal?(OMIT) }
      token = @api_key.respond_to?(:call) ? @api_key.call : @api_key
      out["authorization"] = "Bearer #{token}" if token && !token.to_s.empty?
      content = encode_body(body, body_kind, out)
      # One key per logical request, reused by every retry of it.
      out["idempotency-key"] = options[:idempotency_key] || SecureRandom.uuid if idempotent
      (options[:headers] || {}).each { |k, v| out[k.to_s.downcase] = v.to_s }
      HTTPRequest.new(http_method: method, url: build_url(fill_path(path, path_params), query), headers: out,
                      body: content, open_timeout: options.fetch(:open_timeout, @open_timeout),
                      read_timeout: options.fetch(:timeout, @timeout))
    end

    # @api private: sends with retries; returns the 2xx HTTPResponse or raises.
    def send_with_retries(request, options, stream: false, &block)
      max = options.fetch(:max_retries, @max_retries)
      deadline = monotonic + options.fetch(:max_retry_time, @max_retry_time)
      attempt = 0
      loop do
        started = monotonic
        retry_after = nil
        begin
          response = stream ? stream_attempt(request, &block) : @transport.call(request)
          log(request, response.status, started, response.headers["request-id"])
          return response if response.status.between?(200, 299) || (response.status.between?(300, 399) && !stream)

          failure = error_for(response)
          raise failure unless RetryPolicy.retry_response?(response.status, response.headers)

          retry_after = RetryPolicy.server_delay(response.headers)
        rescue APIConnectionError => e
          log(request, e.class.name, started, nil)
          failure = e
        end
        delay = retry_after || RetryPolicy.backoff(attempt, @random)
        raise failure if attempt >= max || monotonic + delay >= deadline

        attempt += 1
        @on_retry&.call(attempt, delay, failure)
        @logger&.info("namaskah: retry #{attempt} of #{request.http_method.upcase} #{request.url} " \
                      "in #{delay.round(3)} s")
        @sleeper.call(delay)
      end
    end

    # @api private
    def build_url(path, query)
      pairs = []
      (query || {}).each do |key, value|
        next if value.nil? || value.equal?(OMIT)

        Array(value).each { |item| pairs << [key.to_s, scalar(item)] }
      end
      url = @base_url + path
      pairs.empty? ? url : "#{url}?#{URI.encode_www_form(pairs)}"
    end

    # @api private
    def error_for(response)
      text = response.body.to_s
      body = text.empty? ? nil : text
      begin
        parsed = JSON.parse(text) unless text.empty?
        body = parsed if parsed.is_a?(Hash)
      rescue JSON::ParserError
        nil
      end
      Namaskah.api_error(response.status, body, response.headers)
    end

    private

    def stream_attempt(request, &block)
      result = nil
      @transport.stream(request) do |head, chunks|
        result = head
        block.call(head, chunks) if chunks
      end
      result
    end

    def fill_path(path, params)
      params.reduce(path) do |acc, (name, value)|
        raise ArgumentError, "Missing path parameter #{name}" if value.nil? || value.equal?(OMIT) || value.to_s.empty?

        acc.gsub("{#{name}}", URI.encode_www_form_component(value.to_s).gsub("+", "%20"))
      end
    end

    def encode_body(body, kind, headers)
      return nil if body.equal?(OMIT) || kind.nil?

      case kind
      when :json
        headers["content-type"] = "application/json"
        JSON.generate(Types.to_wire(body))
      when :form
        headers["content-type"] = "application/x-www-form-urlencoded"
        URI.encode_www_form(Types.to_wire(body).compact.map { |k, v| [k, scalar(v)] })
      when :binary
        headers["content-type"] = "application/octet-stream"
        body.to_s.b
      end
    end

    def scalar(value)
      value.to_s
    end

    def decode(type, kind, response)
      case kind
      when :empty then nil
      when :binary, :text then response.body
      when :redirect then Redirect.new(response.status, response.headers["location"])
      else decode_json(type, response)
      end
    end

    def decode_json(type, response)
      return nil if response.body.to_s.empty?

      data = begin
        JSON.parse(response.body)
      rescue JSON::ParserError
        raise Error, "The #{response.status} response is not valid JSON"
      end
      value = Types.decode(type, data)
      if value.is_a?(BaseModel)
        value.last_response = Response.new(status: response.status, headers: response.headers,
                                           body: response.body)
      end
      value
    end

    def log(request, outcome, started, request_id)
      return unless @logger

      ms = ((monotonic - started) * 1000).round
      suffix = request_id ? " (#{request_id})" : ""
      @logger.info("namaskah: #{request.http_method.upcase} #{request.url} -> #{outcome} in #{ms} ms#{suffix}")
      @logger.debug { "namaskah: request headers #{redact(request.headers).inspect}" }
    end

    def redact(headers)
      headers.to_h do |k, v|
        [k, REDACTED_HEADERS.include?(k) ? "[REDACTED]" : v.to_s.gsub(/nmk_(live|test)_\w+/, "nmk_\\1_[REDACTED]")]
      end
    end

    def env_logger
      level = ENV.fetch("NAMASKAH_LOG", "").downcase
      return nil unless %w[debug info].include?(level)

      Logger.new($stderr, level: level == "debug" ? Logger::DEBUG : Logger::INFO)
    end

    def monotonic = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  end
end
