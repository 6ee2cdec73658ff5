# frozen_string_literal: true

require "base64"

module Namaskah
  # Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature: v1,<base64>) with
  # whsec_ secrets: `Namaskah::Webhooks.verify` and `.sign` (also `client.webhooks`, a WebhookHelper with the
  # client's secret).
  module Webhooks
    # Seconds between webhook-timestamp and now accepted by default.
    DEFAULT_TOLERANCE = 300

    module_function

    # Checks a delivery's signature and returns the typed event (Namaskah::Models::WebhookEvent's variant).
    # `raw_body` must be the exact bytes received (request.raw_post in Rails, request.body.read in Rack).
    #
    # @example
    #   event = Namaskah::Webhooks.verify(request.raw_post, request.headers, ENV["NAMASKAH_WEBHOOK_SECRET"])
    #   puts event.data.code if event.type == "verification.completed"
    def verify(raw_body, headers, secret, tolerance: DEFAULT_TOLERANCE, now: nil)
      body = body_bytes(raw_body)
      msg_id, timestamp, signatures = %w[webhook-id webhook-timestamp webhook-signature].map { |n| header(headers, n) }
      if [msg_id, timestamp, signatures].any? { |v| v.nil? || v.empty? }
        raise WebhookVerificationError, "Missing webhook-id, webhook-timestamp or webhook-signature header"
      end
      raise WebhookVerificationError, "Invalid webhook-timestamp header" unless timestamp.match?(/\A\d+\z/)

      current = (now || Time.now).to_i
      if (current - timestamp.to_i).abs > tolerance
        raise WebhookVerificationError, "webhook-timestamp is more than #{tolerance} s from now"
      end

      expected = signature(secret, msg_id, timestamp.to_i, body)
      matched = signatures.split.any? do |entry|
        version, value = entry.split(",", 2)
        version == "v1" && value&.bytesize == expected.bytesize && OpenSSL.fixed_length_secure_compare(value, expected)
      end
      raise WebhookVerificationError, "No matching signature in webhook-signature" unless matched

      parse(body)
    end

    # Signs a payload the way Namaskah does, for your own tests: the headers to send with it.
    def sign(payload, secret, msg_id: nil, timestamp: nil)
      msg_id ||= "msg_#{SecureRandom.hex(16)}"
      timestamp = (timestamp || Time.now).to_i
      {
        "webhook-id" => msg_id,
        "webhook-timestamp" => timestamp.to_s,
        "webhook-signature" => "v1,#{signature(secret, msg_id, timestamp, body_bytes(payload))}",
        "content-type" => "application/json"
      }
    end

    def parse(body)
      data = JSON.parse(body)
      Types.decode("WebhookEvent", data)
    rescue JSON::ParserError
      raise WebhookVerificationError, "The webhook body is not JSON"
    rescue NameError
      data # a spec without the WebhookEvent union (fixtures)
    end

    def body_bytes(raw_body)
      return raw_body.b if raw_body.is_a?(String)

      raise WebhookRawBodyError,
            "verify needs the raw request body (a String) exactly as received, not a parsed #{raw_body.class}: " \
            "re-serialising JSON changes the bytes and the signature never matches. Read it with " \
            "request.raw_post (Rails) or request.body.read (Rack/Sinatra)."
    end

    def header(headers, name)
      headers.each { |k, v| return v.to_s if k.to_s.downcase == name }
      nil
    end

    def key(secret)
      Base64.strict_decode64(secret.delete_prefix("whsec_"))
    rescue ArgumentError
      raise WebhookVerificationError, "The webhook secret is not a whsec_ base64 secret"
    end

    def signature(secret, msg_id, timestamp, body)
      Base64.strict_encode64(OpenSSL::HMAC.digest("SHA256", key(secret), "#{msg_id}.#{timestamp}.".b + body))
    end
  end

  # `client.webhooks`: Webhooks.verify and .sign with the client's secret (`webhook_secret:`, else
  # ENV["NAMASKAH_WEBHOOK_SECRET"]) when none is passed.
  #
  # @example
  #   client = Namaskah::Client.new(webhook_secret: "whsec_...")
  #   event = client.webhooks.verify(request.raw_post, request.headers)
  class WebhookHelper
    DEFAULT_TOLERANCE = Webhooks::DEFAULT_TOLERANCE

    # @param secret [String, nil] defaults to ENV["NAMASKAH_WEBHOOK_SECRET"].
    def initialize(secret = nil)
      @secret = [secret, ENV.fetch("NAMASKAH_WEBHOOK_SECRET", nil)].find { |s| s && !s.empty? }
    end

    def inspect = "#<Namaskah::WebhookHelper secret=#{@secret ? "[REDACTED]" : "nil"}>"

    # Webhooks.verify, with the client's secret unless one is given.
    def verify(raw_body, headers, secret = nil, tolerance: DEFAULT_TOLERANCE, now: nil)
      Webhooks.verify(raw_body, headers, secret_or(secret), tolerance: tolerance, now: now)
    end

    # Webhooks.sign, with the client's secret unless one is given.
    def sign(payload, secret = nil, msg_id: nil, timestamp: nil)
      Webhooks.sign(payload, secret_or(secret), msg_id: msg_id, timestamp: timestamp)
    end

    private

    def secret_or(secret)
      value = secret.nil? || secret.empty? ? @secret : secret
      return value if value

      raise WebhookVerificationError,
            "No webhook secret: pass one, set webhook_secret: on the client or NAMASKAH_WEBHOOK_SECRET"
    end
  end
end
