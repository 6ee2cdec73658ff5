# frozen_string_literal: true

require_relative "test_helper"

class WebhooksTest < Minitest::Test
  SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

  def test_a_parsed_body_is_refused_with_an_error_that_says_so
    error = assert_raises(Namaskah::WebhookRawBodyError) { Namaskah::Webhooks.verify({ "id" => "evt_1" }, {}, SECRET) }
    assert_match(/raw request body/, error.message)
  end

  def test_sign_then_verify_round_trips_and_tolerance_applies
    body = JSON.generate({ "id" => "evt_1", "type" => "balance.low", "sequence" => 1, "data" => {} })
    headers = Namaskah::Webhooks.sign(body, SECRET, timestamp: Time.at(1_000_000))
    assert_equal "evt_1", Namaskah::Webhooks.verify(body, headers, SECRET, now: Time.at(1_000_100)).id
    assert_raises(Namaskah::WebhookVerificationError) do
      Namaskah::Webhooks.verify(body, headers, SECRET, now: Time.at(1_000_100), tolerance: 10)
    end
    assert_raises(Namaskah::WebhookVerificationError) do
      Namaskah::Webhooks.verify("#{body} ", headers, SECRET, now: Time.at(1_000_000))
    end
  end
end
