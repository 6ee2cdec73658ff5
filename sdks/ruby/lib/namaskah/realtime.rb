# frozen_string_literal: true

# Real time and wait_for_code, added to the generated realtime and verifications resources.
module Namaskah
  # `client.realtime.listen`: the caller's events over Server-Sent Events, reconnecting with jittered
  # backoff and resuming from the last event id; fatal errors (401, 403, 410 resume_window_exceeded, ...)
  # are raised as their typed error.
  module RealtimeListen
    # Seconds of silence after which the connection is considered dead (the server sends heartbeats every 15 s).
    IDLE_TIMEOUT = 45
    TRANSIENT = [APIConnectionError, InternalServerError, RateLimitError].freeze

    # Yields each typed event (Namaskah::Models::Event variants) forever, or until the block breaks.
    #
    # @example
    #   client.realtime.listen { |event| puts event.type; break if event.type == "verification.completed" }
    def listen(last_event_id: nil, max_reconnects: nil, sleeper: nil, random: Random.new)
      unless block_given?
        return enum_for(:listen, last_event_id: last_event_id, max_reconnects: max_reconnects, sleeper: sleeper,
                                 random: random)
      end

      sleeper ||= ->(seconds) { sleep(seconds) }
      failures = 0
      server_retry = nil
      loop do
        begin
          events.stream(last_event_id: last_event_id || OMIT, request_options: { timeout: IDLE_TIMEOUT }).each do |sse|
            failures = 0
            server_retry = sse.retry_ms / 1000.0 if sse.retry_ms
            last_event_id = sse.id if sse.id && !sse.id.empty?
            yield sse.payload unless sse.data.empty?
          end
        rescue *TRANSIENT => e
          failures += 1
          raise e if max_reconnects && failures > max_reconnects
        end
        delay = failures.zero? ? (server_retry || 0.5) : RetryPolicy.backoff(failures - 1, random)
        sleeper.call([delay, RetryPolicy::MAX_BACKOFF].min * (0.75 + (0.25 * random.rand)))
      end
    end
  end
  Resources::Realtime.include(RealtimeListen) if defined?(Resources::Realtime)

  # `client.verifications.wait_for_code`.
  module WaitForCode
    # A verification's lifetime: after it, it is expired (and refunded) anyway.
    DEFAULT_WAIT = 20 * 60

    # Returns the verification once it leaves `pending` (`completed` with its `code`, or a terminal failure).
    # Listens in real time (a background thread) with slow polling as a safety net; `realtime: false`
    # only polls. Raises APITimeoutError after `timeout` seconds.
    #
    # @example
    #   verification = client.verifications.create(service: "whatsapp", country: "US")
    #   puts client.verifications.wait_for_code(verification.id, timeout: 120).code
    def wait_for_code(verification_id, timeout: DEFAULT_WAIT, poll_interval: 3, realtime: true)
      deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + timeout
      current = retrieve(verification_id)
      return current unless current.status == "pending"

      signal = Signal.new
      listener = realtime ? start_listener(verification_id, signal) : nil
      loop do
        remaining = deadline - Process.clock_gettime(Process::CLOCK_MONOTONIC)
        raise APITimeoutError, "No code for #{verification_id} within #{timeout} s" if remaining <= 0

        interval = listener&.alive? ? [poll_interval * 5, 15].max : poll_interval
        signal.wait([interval, remaining].min)
        current = retrieve(verification_id)
        return current unless current.status == "pending"
      end
    ensure
      listener&.kill
    end

    # A wake-up flag for the polling loop.
    class Signal
      def initialize
        @mutex = Mutex.new
        @condition = ConditionVariable.new
        @set = false
      end

      def set
        @mutex.synchronize do
          @set = true
          @condition.signal
        end
      end

      def wait(seconds)
        @mutex.synchronize do
          @condition.wait(@mutex, seconds) unless @set
          @set = false
        end
      end
    end

    private

    def start_listener(verification_id, signal)
      realtime = @client.realtime
      return nil unless realtime.respond_to?(:listen)

      Thread.new do
        realtime.listen(max_reconnects: 3) do |event|
          data = event.is_a?(BaseModel) ? event["data"] : nil
          signal.set if data.is_a?(Hash) && [data["id"], data["verification_id"]].include?(verification_id)
        end
      rescue Error
        nil # real time unavailable: the loop keeps polling at the normal pace
      end
    end
  end
  Resources::Verifications.include(WaitForCode) if defined?(Resources::Verifications)
end
