# frozen_string_literal: true

module Namaskah
  # The rate-limit state a response reports (RateLimit-* and Retry-After headers); nil when absent.
  RateLimit = Struct.new(:limit, :remaining, :reset_seconds, :retry_after_seconds, keyword_init: true) do
    def self.parse(headers)
      int = lambda do |name|
        raw = headers[name].to_s.strip
        Integer(raw, 10) if raw.match?(/\A-?\d+\z/)
      end
      new(limit: int.call("ratelimit-limit"), remaining: int.call("ratelimit-remaining"),
          reset_seconds: int.call("ratelimit-reset"), retry_after_seconds: int.call("retry-after"))
    end
  end

  # What a successful response was, besides its decoded body: `model.last_response`.
  Response = Struct.new(:status, :headers, :body, keyword_init: true) do
    def request_id = headers["request-id"]
    def rate_limit = RateLimit.parse(headers)
  end

  # A 3xx answer of an operation whose success is a redirect.
  Redirect = Struct.new(:status, :location)
end
