# frozen_string_literal: true

require "time"

module Namaskah
  # Retry rules shared by every SDK (DESIGN.md section 7).
  module RetryPolicy
    BASE_DELAY = 0.5
    MAX_BACKOFF = 8.0
    # Server-requested waits longer than this (seconds) are not honoured; the normal backoff is used.
    MAX_RETRY_AFTER = 60.0

    module_function

    # 408, 409, 429 and any 5xx but 501 (permanent: the server does not support the operation).
    def retryable_status?(status)
      [408, 409, 429].include?(status) || (status >= 500 && status != 501)
    end

    # The server's own verdict: `x-should-retry: true` retries any error status, `false` none; otherwise
    # the status decides.
    def retry_response?(status, headers)
      case headers["x-should-retry"].to_s.strip.downcase
      when "true" then true
      when "false" then false
      else retryable_status?(status)
      end
    end

    # Seconds before retry `retry` (0 for the first): min(0.5 s x 2^n, 8 s) less up to 25% jitter.
    def backoff(retry_number, random = Random.new)
      ceiling = [BASE_DELAY * (2**[retry_number, 16].min), MAX_BACKOFF].min
      ceiling * (1 - (0.25 * random.rand))
    end

    # The wait the server asked for: retry-after-ms, else Retry-After (seconds or an HTTP date); nil
    # when absent, unparseable, negative or above MAX_RETRY_AFTER.
    def server_delay(headers, now = Time.now)
      ms = headers["retry-after-ms"].to_s.strip
      after = headers["retry-after"].to_s.strip
      delay = if !ms.empty? then number(ms).then { |v| v && (v / 1000.0) }
              elsif !after.empty? then number(after) || http_date_delay(after, now)
              end
      return nil if delay.nil?

      delay if delay.finite? && delay >= 0 && delay <= MAX_RETRY_AFTER
    end

    def number(text)
      Float(text)
    rescue ArgumentError
      nil
    end

    def http_date_delay(text, now)
      Time.httpdate(text) - now
    rescue ArgumentError
      nil
    end
  end
end
