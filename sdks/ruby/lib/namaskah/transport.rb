# frozen_string_literal: true

module Namaskah
  # One HTTP attempt as the engine prepared it (headers lower-case).
  HTTPRequest = Struct.new(:http_method, :url, :headers, :body, :open_timeout, :read_timeout, keyword_init: true)
  # One HTTP answer (headers lower-case, repeated values joined with ", "); `body` is nil while streaming.
  HTTPResponse = Struct.new(:status, :headers, :body, keyword_init: true)

  # The default transport: stdlib Net::HTTP, TLS verification on, a small pool of persistent
  # (keep-alive) connections per origin. Any object with `call(request) -> HTTPResponse` (and, for
  # real time, `stream(request) { |response, chunks| }`) can replace it (`Client.new(transport: ...)`);
  # it raises APIConnectionError / APITimeoutError when no response arrives.
  class NetHTTPTransport
    CONNECTION_ERRORS = [SystemCallError, IOError, SocketError, EOFError, OpenSSL::SSL::SSLError,
                         Net::HTTPBadResponse, Net::ProtocolError].freeze
    TIMEOUT_ERRORS = [Net::OpenTimeout, Net::ReadTimeout, Net::WriteTimeout].freeze

    def initialize(max_idle_per_origin: 4, ssl_verify: true)
      @max_idle = max_idle_per_origin
      @verify_mode = ssl_verify ? OpenSSL::SSL::VERIFY_PEER : OpenSSL::SSL::VERIFY_NONE
      @idle = Hash.new { |h, k| h[k] = [] }
      @lock = Mutex.new
    end

    def call(request)
      uri = URI(request.url)
      http = checkout(uri, request)
      begin
        response = http.request(net_request(uri, request))
      rescue StandardError
        http.finish if http.started?
        raise
      end
      keep = response["connection"].to_s.downcase != "close"
      keep ? checkin(uri, http) : http.finish
      HTTPResponse.new(status: response.code.to_i, headers: headers_of(response), body: response.body.to_s)
    rescue *TIMEOUT_ERRORS => e
      raise APITimeoutError, "Request timed out: #{e.message}"
    rescue *CONNECTION_ERRORS => e
      raise APIConnectionError, "Connection error: #{e.class}: #{e.message}"
    end

    # Streams the body: yields the response (body nil) and an enumerator of chunks while the connection
    # is open. Non-2xx bodies are read whole into `body` instead. Uses its own connection.
    def stream(request)
      uri = URI(request.url)
      http = connection(uri, request)
      http.start
      http.request(net_request(uri, request)) do |response|
        status = response.code.to_i
        head = HTTPResponse.new(status: status, headers: headers_of(response))
        if status.between?(200, 299)
          yield head, Enumerator.new { |out| response.read_body { |chunk| out << chunk } }
        else
          head.body = response.read_body.to_s
          yield head, nil
        end
      end
    rescue *TIMEOUT_ERRORS => e
      raise APITimeoutError, "Stream timed out: #{e.message}"
    rescue *CONNECTION_ERRORS => e
      raise APIConnectionError, "Connection error: #{e.class}: #{e.message}"
    ensure
      http.finish if http&.started?
    end

    # Closes every idle connection.
    def close
      @lock.synchronize do
        @idle.each_value { |list| list.each { |h| h.finish if h.started? } }
        @idle.clear
      end
    end

    private

    def origin(uri) = "#{uri.scheme}://#{uri.host}:#{uri.port}"

    def checkout(uri, request)
      http = @lock.synchronize { @idle[origin(uri)].pop }
      if http
        http.open_timeout = request.open_timeout
        http.read_timeout = request.read_timeout
        return http
      end
      connection(uri, request).tap(&:start)
    end

    def checkin(uri, http)
      @lock.synchronize do
        list = @idle[origin(uri)]
        list.size < @max_idle ? list.push(http) : http.finish
      end
    end

    def connection(uri, request)
      http = Net::HTTP.new(uri.host, uri.port)
      http.use_ssl = uri.scheme == "https"
      http.verify_mode = @verify_mode if http.use_ssl?
      http.open_timeout = request.open_timeout
      http.read_timeout = request.read_timeout
      http.write_timeout = request.read_timeout
      http.keep_alive_timeout = 30
      http.max_retries = 0 # the SDK decides retries (and counts them)
      http
    end

    def net_request(uri, request)
      klass = Net::HTTP.const_get(request.http_method.to_s.capitalize)
      req = klass.new(uri.request_uri, {})
      req.delete("accept-encoding") # no transparent decompression surprises in bodies
      request.headers.each { |k, v| req[k] = v }
      req.body = request.body if request.body
      req
    end

    def headers_of(response)
      response.each_header.to_h.transform_keys(&:downcase)
    end
  end
end
