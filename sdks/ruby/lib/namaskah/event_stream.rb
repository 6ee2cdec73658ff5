# frozen_string_literal: true

module Namaskah
  # One Server-Sent Event: `id`, `event` (the type), `data` (text), `retry_ms` when the server set one.
  SSEEvent = Struct.new(:id, :event, :data, :retry_ms, keyword_init: true) do
    # `data` parsed as JSON and decoded into the typed event (Namaskah::Models::Event's variant).
    def payload
      value = JSON.parse(data)
      Models.const_defined?(:Event, false) ? Types.decode("Event", value) : value
    end
  end

  # Incremental text/event-stream parser (the WHATWG rules: fields, comments, multi-line data, CR/LF).
  class SSEParser
    def initialize
      @buffer = +""
      reset
    end

    # Feeds a chunk; yields each complete event.
    def feed(chunk)
      @buffer << chunk.to_s.dup.force_encoding(Encoding::UTF_8)
      while (index = @buffer.index(/\r\n|\r|\n/))
        newline = Regexp.last_match(0)
        line = @buffer.slice!(0, index + newline.size).chomp(newline)
        event = line(line)
        yield event if event
      end
    end

    private

    def reset
      @data = []
      @event = nil
      @id = nil
      @retry = nil
    end

    def line(line)
      return dispatch if line.empty?
      return nil if line.start_with?(":")

      field, value = line.split(":", 2)
      value = value.to_s.delete_prefix(" ")
      case field
      when "data" then @data << value
      when "event" then @event = value
      when "id" then @id = value unless value.include?("\0")
      when "retry" then @retry = value.to_i if value.match?(/\A\d+\z/)
      end
      nil
    end

    def dispatch
      event = SSEEvent.new(id: @id, event: @event, data: @data.join("\n"), retry_ms: @retry)
      empty = @data.empty? && @id.nil? && @retry.nil?
      reset
      empty ? nil : event
    end
  end

  # A text/event-stream response: `each` opens the connection (Net::HTTP streaming) and yields SSEEvents
  # until the server ends the stream. One connection, no reconnect: `client.realtime.listen` reconnects.
  class EventStream
    include Enumerable

    def initialize(client, request)
      @client = client
      @request = request
    end

    def each(&block)
      return enum_for(:each) unless block

      parser = SSEParser.new
      @client.send_with_retries(@request, { max_retries: 0 }, stream: true) do |_head, chunks|
        chunks.each { |chunk| parser.feed(chunk, &block) }
      end
      nil
    end
  end
end
