# frozen_string_literal: true

require_relative "test_helper"
require_relative "support/tiny_server"

# SSE on Net::HTTP streaming: parsing, resume with Last-Event-ID after a drop, fatal errors raised.
class RealtimeTest < Minitest::Test
  def teardown
    @server&.close
  end

  def event(seq)
    data = { "id" => "evt_#{seq}", "type" => "balance.low", "sequence" => seq, "created_at" => "2026-01-01T00:00:00Z",
             "data" => {} }
    "id: #{seq}\nevent: balance.low\ndata: #{JSON.generate(data)}\n\n"
  end

  def stream_head
    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
  end

  def test_parser_handles_comments_multiline_data_and_crlf
    parser = Namaskah::SSEParser.new
    events = []
    ["retry: 3000\r\n\r\n: heartbeat\n", "data: a\ndata: b\nid: 7\n", "\n"].each do |c|
      parser.feed(c) do |e|
        events << e
      end
    end
    assert_equal [3000, nil], [events[0].retry_ms, events[1].retry_ms]
    assert_equal %W[a\nb 7], [events[1].data, events[1].id]
  end

  def test_listen_resumes_from_the_last_event_id_after_a_drop
    @server = TinyServer.new do |request, socket|
      first = request.headers["last-event-id"].nil?
      socket.write(stream_head)
      socket.write(first ? "retry: 10\n\n#{event(1)}#{event(2)}" : event(3))
      socket.flush
      sleep 0.05
      nil # drop the connection
    end
    client = Namaskah::Client.new(api_key: "k", base_url: @server.url)
    seen = []
    client.realtime.listen(sleeper: ->(_) {}) do |e|
      seen << e
      break if seen.size == 3
    end
    assert_equal [1, 2, 3], seen.map(&:sequence)
    assert_instance_of Namaskah::Models::BalanceLowEvent, seen.first
    assert_equal([nil, "2"], @server.recorded.first(2).map { |r| r.headers["last-event-id"] })
  end

  def test_a_fatal_status_is_raised_typed
    problem = JSON.generate({ "status" => 410, "code" => "resume_window_exceeded", "title" => "Gone" })
    @server = TinyServer.new { [410, { "content-type" => "application/problem+json" }, problem] }
    client = Namaskah::Client.new(api_key: "k", base_url: @server.url)
    error = assert_raises(Namaskah::GoneError) { client.realtime.listen(last_event_id: "1", sleeper: ->(_) {}) { nil } }
    assert_equal "resume_window_exceeded", error.code
  end
end
