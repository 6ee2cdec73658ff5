# frozen_string_literal: true

require "base64"

module Namaskah
  # Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature: v1,<base64>) with
  # whsec_ secrets: `Namaskah::Webhooks.verify` and `.sign` (also `client.webhooks`).
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
end
