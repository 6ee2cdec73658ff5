# frozen_string_literal: true

require_relative "test_helper"
require_relative "support/tiny_server"
require "stringio"

# The engine on a real socket (Net::HTTP): persistent connections, retries, timeouts, logging, env.
class ClientTest < Minitest::Test
  VERIFICATION = { "id" => "ver_1", "status" => "pending", "price" => { "amount" => 120, "currency" => "USD" },
                   "code" => nil }.freeze

  def teardown
    @server&.close
  end

  def client(**options)
    Namaskah::Client.new(api_key: "nmk_test_secret123", base_url: @server.url, sleeper: ->(_) {}, **options)
  end

  def test_reuses_one_persistent_connection
    @server = TinyServer.new { [200, {}, JSON.generate(VERIFICATION)] }
    c = client
    3.times { assert_equal "ver_1", c.verifications.retrieve("ver_1").id }
    assert_equal 1, @server.connections
  end

  def test_retries_a_503_then_succeeds_with_one_idempotency_key
    calls = 0
    @server = TinyServer.new do
      calls += 1
      if calls == 1
        [503, { "retry-after" => "0" },
         "{}"]
      else
        [201, { "request-id" => "req_2" }, JSON.generate(VERIFICATION)]
      end
    end
    result = client.verifications.create(service: "whatsapp", country: "US")
    assert_equal "req_2", result.last_response.request_id
    requests = @server.recorded
    assert_equal 2, requests.size
    assert_equal 1, requests.map { |r| r.headers["idempotency-key"] }.uniq.size
    assert_equal({ "service" => "whatsapp", "country" => "US" }, JSON.parse(requests[0].body))
  end

  def test_x_should_retry_overrides_the_status
    @server = TinyServer.new do |request|
      if request.path.end_with?("ver_1")
        [400, { "x-should-retry" => "true" },
         "{}"]
      else
        [503, { "x-should-retry" => "false" }, "{}"]
      end
    end
    assert_raises(Namaskah::BadRequestError) { client.verifications.retrieve("ver_1") }
    assert_equal 3, @server.recorded.size
    assert_raises(Namaskah::InternalServerError) { client.verifications.retrieve("ver_2") }
    assert_equal 1, @server.recorded.size
  end

  def test_read_timeout_is_a_timeout_error_after_retries
    @server = TinyServer.new do
      sleep 1
      [200, {}, "{}"]
    end
    error = assert_raises(Namaskah::APITimeoutError) { client(timeout: 0.2, max_retries: 1).health.retrieve }
    assert_match(/timed out/, error.message)
    assert_equal 2, @server.recorded.size
  end

  def test_refused_connection_is_a_connection_error
    port = TCPServer.new("127.0.0.1", 0).then { |s| s.addr[1].tap { s.close } }
    c = Namaskah::Client.new(api_key: "k", base_url: "http://127.0.0.1:#{port}", max_retries: 0)
    assert_raises(Namaskah::APIConnectionError) { c.health.retrieve }
  end

  def test_typed_error_per_code_with_request_id_and_headers
    problem = { "type" => "about:blank", "title" => "Payment required", "status" => 402,
                "code" => "insufficient_balance", "request_id" => "req_body" }
    @server = TinyServer.new do
      [402, { "request-id" => "req_9", "content-type" => "application/problem+json" }, JSON.generate(problem)]
    end
    error = assert_raises(Namaskah::PaymentRequiredError) { client.verifications.create(service: "x", country: "US") }
    assert_instance_of Namaskah::InsufficientBalanceError, error
    assert_equal ["req_9", "insufficient_balance", 402], [error.request_id, error.code, error.status]
    assert_equal "application/problem+json", error.headers["content-type"]
  end

  def test_logger_redacts_the_key
    @server = TinyServer.new { [200, {}, JSON.generate(VERIFICATION)] }
    out = StringIO.new
    client(logger: Logger.new(out, level: Logger::DEBUG)).verifications.retrieve("ver_1")
    assert_match(%r{GET http://127.0.0.1:\d+/v1/verifications/ver_1 -> 200}, out.string)
    assert_includes out.string, "[REDACTED]"
    refute_includes out.string, "secret123"
  end

  def test_api_key_and_base_url_from_the_environment
    @server = TinyServer.new { [200, {}, JSON.generate(VERIFICATION)] }
    with_env("NAMASKAH_API_KEY" => "nmk_test_env", "NAMASKAH_BASE_URL" => @server.url) do
      Namaskah::Client.new.verifications.retrieve("ver_1")
    end
    assert_equal "Bearer nmk_test_env", @server.recorded.first.headers["authorization"]
  end

  def test_without_credentials_a_private_call_is_refused_and_a_public_one_sent
    @server = TinyServer.new { [200, {}, JSON.generate({ "status" => "ok" })] }
    with_env("NAMASKAH_API_KEY" => nil) do
      bare = Namaskah::Client.new(base_url: @server.url, sleeper: ->(_) {})
      refute bare.credentials?
      error = assert_raises(Namaskah::MissingCredentialsError) { bare.verifications.retrieve("ver_1") }
      assert_equal "GET /v1/verifications/{verification_id}", error.operation
      assert_match(/NAMASKAH_API_KEY/, error.message)
      assert_empty @server.recorded
      assert_equal "ok", bare.health.retrieve.status
      assert_nil @server.recorded.first.headers["authorization"]
    end
    assert Namaskah::Client.new(api_key: -> { "nmk_test_rotated" }, base_url: @server.url).credentials?
  end

  def test_webhook_secret_from_the_client_or_the_environment
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = JSON.generate({ "id" => "evt_1", "type" => "balance.low", "sequence" => 1, "data" => {} })
    with_env("NAMASKAH_WEBHOOK_SECRET" => nil) do
      helper = Namaskah::Client.new(api_key: "k", webhook_secret: secret).webhooks
      assert_equal "evt_1", helper.verify(body, helper.sign(body)).id
      refute_includes helper.inspect, secret
      bare = Namaskah::Client.new(api_key: "k").webhooks
      error = assert_raises(Namaskah::WebhookVerificationError) { bare.sign(body) }
      assert_match(/NAMASKAH_WEBHOOK_SECRET/, error.message)
    end
    with_env("NAMASKAH_WEBHOOK_SECRET" => secret) do
      helper = Namaskah::Client.new(api_key: "k").webhooks
      assert_equal "evt_1", helper.verify(body, Namaskah::Webhooks.sign(body, secret)).id
    end
  end

  def test_models_keep_null_and_absent_apart
    v = Namaskah::Models::Verification.new(VERIFICATION)
    assert_nil v.code
    assert v.key?(:code)
    refute v.key?(:completed_at)
    assert_equal 120, v.price.amount
    assert_instance_of Namaskah::Models::Money, v.price
    assert_equal({ "amount" => 1, "currency" => "USD" }, Namaskah::Models::Money.new(amount: 1, currency: "USD").to_h)
  end

  private

  def with_env(values)
    saved = values.keys.to_h { |k| [k, ENV.fetch(k, nil)] }
    values.each { |k, v| ENV[k] = v }
    yield
  ensure
    saved.each { |k, v| ENV[k] = v }
  end
end
