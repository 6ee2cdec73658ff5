# frozen_string_literal: true

# Runs every case of test/conformance/cases (its README is normative) against Namaskah::Client.
require_relative "test_helper"

class ConformanceTest < Minitest::Test
  CASES = File.join(ROOT, "test", "conformance", "cases")
  IR = JSON.parse(File.read(File.join(ROOT, "generators", "ir", "ir.json")))

  # [file relative to cases/, case name] -> reason. Must stay empty; an entry that passes fails the run.
  KNOWN_FAILURES = {}.freeze

  FAMILIES = {
    "bad_request" => Namaskah::BadRequestError, "authentication" => Namaskah::AuthenticationError,
    "payment_required" => Namaskah::PaymentRequiredError, "permission_denied" => Namaskah::PermissionDeniedError,
    "not_found" => Namaskah::NotFoundError, "conflict" => Namaskah::ConflictError, "gone" => Namaskah::GoneError,
    "payload_too_large" => Namaskah::PayloadTooLargeError,
    "unsupported_media_type" => Namaskah::UnsupportedMediaTypeError,
    "unprocessable_entity" => Namaskah::UnprocessableEntityError, "rate_limit" => Namaskah::RateLimitError,
    "internal_server" => Namaskah::InternalServerError, "api" => Namaskah::APIError,
    "connection" => Namaskah::APIConnectionError, "timeout" => Namaskah::APITimeoutError,
    "missing_credentials" => Namaskah::MissingCredentialsError
  }.freeze

  HTTP_KINDS = %w[request response error retry pagination].freeze
  ALLOWED = {
    "file" => %w[cases],
    "http" => %w[name kind client call responses expect],
    "client" => %w[api_key max_retries],
    "call" => %w[tag operation_id path_params query header_params body options iterate],
    "options" => %w[idempotency_key],
    "iterate" => %w[max_items],
    "response" => %w[status headers body body_text network_error],
    "expect" => %w[attempts requests all_requests same_header_across_requests waits result response_meta error],
    "request_matcher" => %w[method path query headers body no_body],
    "header_matcher" => %w[equals contains media_type present matches],
    "wait" => %w[min_ms max_ms],
    "value" => %w[equals checks],
    "check" => %w[pointer equals type length],
    "error" => %w[family status code code_class request_id rate_limit field_errors],
    "rate_limit" => %w[limit remaining reset_seconds retry_after_seconds],
    "response_meta" => %w[request_id rate_limit],
    "webhook_verify" => %w[name kind secret payload headers now tolerance_seconds expect],
    "webhook_verify_expect" => %w[valid event reason],
    "webhook_sign" => %w[name kind secret payload msg_id timestamp expect],
    "webhook_sign_expect" => %w[headers]
  }.freeze

  class Unsupported < StandardError; end

  ABSENT = Object.new.freeze

  # A scripted transport: answers the n-th request with responses[n] and records every request.
  class ScriptedTransport
    attr_reader :sent

    def initialize(responses)
      @responses = responses
      @sent = []
    end

    def call(request)
      @sent << request
      raise Minitest::Assertion, "unexpected request ##{@sent.size}" if @sent.size > @responses.size

      scripted = @responses[@sent.size - 1]
      case scripted["network_error"]
      when "connection_reset" then raise Namaskah::APIConnectionError, "Connection error: connection reset by peer"
      when "connection_refused" then raise Namaskah::APIConnectionError, "Connection error: connection refused"
      when nil then nil
      else raise Unsupported, "UNSUPPORTED: network_error #{scripted["network_error"]}"
      end
      headers = (scripted["headers"] || {}).to_h { |k, v| [k.downcase, v.to_s] }
      body = ""
      if scripted.key?("body")
        body = JSON.generate(scripted["body"])
        headers["content-type"] ||= scripted["status"] >= 400 ? "application/problem+json" : "application/json"
      elsif scripted.key?("body_text")
        body = scripted["body_text"]
      end
      Namaskah::HTTPResponse.new(status: scripted["status"], headers: headers, body: body)
    end
  end

  def self.check_keys(value, allowed)
    return unless value.is_a?(Hash)

    unknown = value.keys - ALLOWED.fetch(allowed) - %w[description $comment]
    raise Unsupported, "UNSUPPORTED: unknown field #{unknown.sort} in #{allowed}" unless unknown.empty?
  end

  def self.validate(kase)
    kind = kase["kind"]
    if HTTP_KINDS.include?(kind)
      check_keys(kase, "http")
      check_keys(kase["client"], "client")
      call = kase["call"] || {}
      check_keys(call, "call")
      check_keys(call["options"], "options")
      check_keys(call["iterate"], "iterate")
      (kase["responses"] || []).each { |r| check_keys(r, "response") }
      expect = kase["expect"] || {}
      check_keys(expect, "expect")
      [*expect["requests"], *([expect["all_requests"]] if expect.key?("all_requests"))].each do |m|
        check_keys(m, "request_matcher")
        (m["headers"] || {}).each_value { |h| check_keys(h, "header_matcher") }
      end
      (expect["waits"] || []).each { |w| check_keys(w, "wait") }
      if expect.key?("result")
        check_keys(expect["result"], "value")
        (expect["result"]["checks"] || []).each { |c| check_keys(c, "check") }
      end
      if expect.key?("error")
        check_keys(expect["error"], "error")
        check_keys(expect["error"]["rate_limit"], "rate_limit")
      end
      if expect.key?("response_meta")
        check_keys(expect["response_meta"], "response_meta")
        check_keys(expect["response_meta"]["rate_limit"], "rate_limit")
      end
    elsif kind == "webhook_verify"
      check_keys(kase, "webhook_verify")
      check_keys(kase["expect"], "webhook_verify_expect")
      check_keys(kase["expect"]["event"], "value")
    elsif kind == "webhook_sign"
      check_keys(kase, "webhook_sign")
      check_keys(kase["expect"], "webhook_sign_expect")
    else
      raise Unsupported, "UNSUPPORTED: kind #{kind.inspect}"
    end
  end

  # --- naming: the same rules as generators/ruby/naming.ts ------------------------------------------

  def snake(name)
    name.gsub("OAuth", "Oauth").gsub(/([a-z0-9])([A-Z])/, '\1 \2').gsub(/([A-Z]+)([A-Z][a-z])/, '\1 \2')
        .split(/[^A-Za-z0-9]+/).reject(&:empty?).map(&:downcase).join("_")
  end

  RUBY_KEYWORDS = %w[BEGIN END alias and begin break case class def defined? do else elsif end ensure false for if
                     in module next nil not or redo rescue retry return self super then true undef unless until
                     when while yield].freeze

  # A wire name as the generator names the keyword argument (rbArgName in generators/ruby/naming.ts).
  def identifier(wire)
    base = wire.match?(/\A[a-z_][a-z0-9_]*\z/) ? wire : snake(wire)
    RUBY_KEYWORDS.include?(base) ? "#{base}_" : base
  end

  # `client.api_key: null`: the client is built with no key while NAMASKAH_API_KEY is unset.
  def without_env_key(active)
    return yield unless active

    saved = ENV.delete("NAMASKAH_API_KEY")
    begin
      yield
    ensure
      ENV["NAMASKAH_API_KEY"] = saved if saved
    end
  end

  def find_operation(tag, operation_id)
    IR["resources"].each do |resource|
      next unless resource["tag"] == tag

      resource["operations"].each { |op| return op if op["id"] == operation_id }
    end
    raise Unsupported, "UNSUPPORTED: no operation #{tag}/#{operation_id}"
  end

  def call_arguments(op, call)
    args = op["pathParams"].map { |p| (call["path_params"] || {})[p["name"]] }
    kwargs = {}
    %w[query header_params].each do |source|
      (call[source] || {}).each { |wire, value| kwargs[identifier(wire).to_sym] = value }
    end
    body = call["body"]
    unless body.nil?
      decl = IR["types"].find { |t| t["name"] == op.dig("body", "type", "name") }
      if decl && decl["kind"] == "object"
        body.each { |k, v| kwargs[identifier(k).to_sym] = v }
      else
        kwargs[:body] = body
      end
    end
    kwargs[:request_options] = call["options"].transform_keys(&:to_sym) if call.key?("options")
    [args, kwargs]
  end

  # --- matching --------------------------------------------------------------------------------------

  def wire(value)
    case value
    when Namaskah::Page, Namaskah::BaseModel then value.to_h
    when Array then value.map { |v| wire(v) }
    else value
    end
  end

  def pointer(document, path)
    return document if path == ""

    path.split("/")[1..].reduce(document) do |current, raw|
      token = raw.gsub("~1", "/").gsub("~0", "~")
      if current.is_a?(Hash)
        return ABSENT unless current.key?(token)

        current[token]
      elsif current.is_a?(Array) && token.match?(/\A\d+\z/) && token.to_i < current.size
        current[token.to_i]
      else
        return ABSENT
      end
    end
  end

  def same_json?(actual, expected)
    case expected
    when true, false then actual.equal?(expected)
    when Integer then actual.is_a?(Integer) && actual == expected
    when Float then actual.is_a?(Numeric) && actual == expected
    when Hash then actual.is_a?(Hash) && actual.keys.sort == expected.keys.sort && expected.all? do |k, v|
                     same_json?(actual[k], v)
                   end
    when Array then actual.is_a?(Array) && actual.size == expected.size && actual.zip(expected).all? do |a, e|
                      same_json?(a, e)
                    end
    else actual == expected
    end
  end

  TYPE_CHECKS = {
    "integer" => ->(v) { v.is_a?(Integer) }, "number" => ->(v) { v.is_a?(Numeric) },
    "string" => ->(v) { v.is_a?(String) }, "boolean" => ->(v) { [true, false].include?(v) },
    "array" => ->(v) { v.is_a?(Array) }, "object" => ->(v) { v.is_a?(Hash) },
    "null" => ->(v) { v.nil? }, "absent" => ->(v) { v.equal?(ABSENT) }
  }.freeze

  def match_value(actual, matcher)
    document = wire(actual)
    if matcher.key?("equals")
      assert same_json?(document, matcher["equals"]),
             "result #{document.inspect} != #{matcher["equals"].inspect}"
    end
    (matcher["checks"] || []).each do |check|
      value = pointer(document, check["pointer"])
      value = ABSENT if check["pointer"] == "" && actual.nil? # no body: the method returns nil
      if check.key?("equals")
        assert same_json?(value, check["equals"]),
               "#{check["pointer"]}: #{value.inspect} != #{check["equals"].inspect}"
      end
      if check.key?("type")
        test = TYPE_CHECKS[check["type"]] or raise Unsupported, "UNSUPPORTED: type #{check["type"]}"
        assert test.call(value), "#{check["pointer"]}: #{value.inspect} is not #{check["type"]}"
      end
      assert(value.is_a?(Array) && value.size == check["length"], "#{check["pointer"]}: length") if check.key?("length")
    end
  end

  def match_header(name, value, matcher)
    assert_equal matcher["present"], !value.nil?, "header #{name} presence: #{value.inspect}" if matcher.key?("present")
    assert_equal matcher["equals"], value, "header #{name}" if matcher.key?("equals")
    assert value&.include?(matcher["contains"]), "header #{name}: #{value.inspect}" if matcher.key?("contains")
    if matcher.key?("media_type")
      assert_equal matcher["media_type"].downcase, value.to_s.split(";").first.to_s.strip.downcase, "header #{name}"
    end
    assert_match Regexp.new(matcher["matches"]), value.to_s, "header #{name}" if matcher.key?("matches")
  end

  def match_request(request, matcher)
    uri = URI(request.url)
    assert_equal matcher["method"], request.http_method.to_s.upcase if matcher.key?("method")
    assert_equal matcher["path"], uri.path if matcher.key?("path")
    if matcher.key?("query")
      pairs = uri.query ? URI.decode_www_form(uri.query) : []
      grouped = pairs.group_by(&:first).transform_values { |v| v.map(&:last) }
      actual = grouped.transform_values { |v| v.size == 1 ? v.first : v }
      assert_equal matcher["query"], actual, "query"
    end
    (matcher["headers"] || {}).each { |name, h| match_header(name, request.headers[name.downcase], h) }
    if matcher.key?("body")
      assert same_json?(JSON.parse(request.body.to_s), matcher["body"]),
             "body #{request.body.inspect}"
    end
    assert request.body.nil? || request.body.empty?, "expected no body" if matcher["no_body"]
  end

  def match_rate_limit(info, expected)
    expected.each do |key, value|
      actual = info.public_send(key)
      value.nil? ? assert_nil(actual, "rate_limit.#{key}") : assert_equal(value, actual, "rate_limit.#{key}")
    end
  end

  def match_error(error, expected)
    family = FAMILIES[expected.fetch("family", "api")] or raise Unsupported, "UNSUPPORTED: family #{expected["family"]}"
    assert_kind_of family, error
    return unless error.is_a?(Namaskah::APIError)

    assert_equal expected["status"], error.status if expected.key?("status")
    expected.key?("code") && (if expected["code"].nil?
                                assert_nil(error.code)
                              else
                                assert_equal(expected["code"],
                                             error.code)
                              end)
    if expected.key?("code_class")
      specific = error.class != family && error.class.const_defined?(:CODE, false) && error.class::CODE == error.code
      assert_equal expected["code_class"], specific, "#{error.class} for code #{error.code}"
    end
    if expected.key?("request_id")
      if expected["request_id"].nil?
        assert_nil(error.request_id)
      else
        assert_equal(expected["request_id"],
                     error.request_id)
      end
    end
    match_rate_limit(error.rate_limit, expected["rate_limit"]) if expected.key?("rate_limit")
    assert_equal expected["field_errors"], error.field_errors if expected.key?("field_errors")
  end

  # --- execution -----------------------------------------------------------------------------------

  def run_http(kase)
    op = find_operation(kase["call"]["tag"], kase["call"]["operation_id"])
    options = kase["client"] || {}
    transport = ScriptedTransport.new(kase["responses"])
    waits = []
    api_key = options.key?("api_key") ? options["api_key"] : "nmk_test_conformance"
    client = without_env_key(api_key.nil?) do
      Namaskah::Client.new(api_key: api_key, base_url: "http://conformance.test",
                           max_retries: options.fetch("max_retries", 2), transport: transport,
                           sleeper: ->(s) { waits << s })
    end
    # The operation's SDK name walks the nested resources: client.webhook_endpoints.deliveries.list.
    target = op["sdkName"][0..-2].reduce(client) { |t, segment| t.public_send(identifier(snake(segment))) }
    method = identifier(snake(op["sdkName"].last))
    args, kwargs = call_arguments(op, kase["call"])
    expect = kase["expect"] || {}
    result = nil
    error = nil
    begin
      result = target.public_send(method, *args, **kwargs)
      iterate = kase["call"].fetch("iterate", false)
      if iterate
        limit = iterate.is_a?(Hash) ? iterate["max_items"] : nil
        result = limit ? result.auto_paging_each.lazy.first(limit) : result.auto_paging_each.to_a
      end
    rescue Namaskah::Error => e
      error = e
    end
    if expect.key?("error")
      refute_nil error, "expected an error, got #{result.inspect}"
      match_error(error, expect["error"])
    elsif error
      raise error
    end
    sent = transport.sent
    assert_equal expect["attempts"], sent.size, "attempts" if expect.key?("attempts")
    (expect["requests"] || []).each_with_index { |m, i| match_request(sent.fetch(i), m) }
    sent.each { |r| match_request(r, expect["all_requests"]) } if expect.key?("all_requests")
    (expect["same_header_across_requests"] || []).each do |header|
      values = sent.map { |r| r.headers[header.downcase] }.uniq
      assert values.size == 1 && !values.first.nil?, "#{header}: #{values.inspect}"
    end
    if expect.key?("waits")
      assert_equal expect["waits"].size, waits.size, "waits #{waits.inspect}"
      waits.zip(expect["waits"]).each do |waited, bounds|
        ms = waited * 1000
        assert ms >= bounds.fetch("min_ms", 0) - 1e-6, "waited #{ms} ms"
        assert ms <= bounds.fetch("max_ms", Float::INFINITY) + 1e-6, "waited #{ms} ms"
      end
    end
    match_value(result, expect["result"]) if expect.key?("result")
    return unless expect.key?("response_meta")

    meta = result.last_response
    refute_nil meta, "no last_response"
    assert_equal expect["response_meta"]["request_id"], meta.request_id if expect["response_meta"].key?("request_id")
    match_rate_limit(meta.rate_limit, expect["response_meta"].fetch("rate_limit", {}))
  end

  def run_webhook(kase)
    if kase["kind"] == "webhook_sign"
      headers = Namaskah::Webhooks.sign(kase["payload"], kase["secret"], msg_id: kase["msg_id"],
                                                                         timestamp: kase["timestamp"])
      kase["expect"]["headers"].each { |name, value| assert_equal value, headers[name], name }
      return
    end
    tolerance = kase.fetch("tolerance_seconds", 300)
    now = Time.at(kase["now"])
    if kase["expect"]["valid"]
      event = Namaskah::Webhooks.verify(kase["payload"], kase["headers"], kase["secret"], tolerance: tolerance,
                                                                                          now: now)
      match_value(event, kase["expect"]["event"]) if kase["expect"].key?("event")
    else
      assert_raises(Namaskah::WebhookVerificationError) do
        Namaskah::Webhooks.verify(kase["payload"], kase["headers"], kase["secret"], tolerance: tolerance, now: now)
      end
    end
  end

  # One test per case, named "<file> :: <case>".
  Dir.glob(File.join(CASES, "**", "*.json")).each do |path|
    rel = path.delete_prefix("#{CASES}/")
    data = JSON.parse(File.read(path))
    (data["cases"] || []).each do |kase|
      define_method("test_#{rel} :: #{kase["name"]}") do
        known = KNOWN_FAILURES[[rel, kase["name"]]]
        begin
          self.class.check_keys(data, "file")
          self.class.validate(kase)
          kase["kind"].start_with?("webhook_") ? run_webhook(kase) : run_http(kase)
        rescue Minitest::Assertion, Unsupported => e
          skip "known failure: #{known}" if known
          raise e.is_a?(Unsupported) ? Minitest::Assertion.new(e.message) : e
        end
        flunk "listed in KNOWN_FAILURES (#{known}) but passes: remove the entry" if known
      end
    end
  end
end
