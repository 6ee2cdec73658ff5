# frozen_string_literal: true

require_relative "test_helper"

# wait_for_code polls (here without real time) until the verification leaves pending, or times out.
class WaitForCodeTest < Minitest::Test
  class Script
    attr_reader :calls

    def initialize(*statuses)
      @statuses = statuses
      @calls = 0
    end

    def call(_request)
      status = @statuses[[@calls, @statuses.size - 1].min]
      @calls += 1
      body = { "id" => "ver_1", "status" => status, "code" => status == "completed" ? "482913" : nil }
      Namaskah::HTTPResponse.new(status: 200, headers: { "content-type" => "application/json" },
                                 body: JSON.generate(body))
    end
  end

  def test_polls_until_completed
    script = Script.new("pending", "pending", "completed")
    client = Namaskah::Client.new(api_key: "k", base_url: "http://api.test", transport: script)
    done = client.verifications.wait_for_code("ver_1", poll_interval: 0.01, realtime: false)
    assert_equal ["completed", "482913", 3], [done.status, done.code, script.calls]
  end

  def test_times_out_with_a_timeout_error
    client = Namaskah::Client.new(api_key: "k", base_url: "http://api.test", transport: Script.new("pending"))
    assert_raises(Namaskah::APITimeoutError) do
      client.verifications.wait_for_code("ver_1", timeout: 0.05, poll_interval: 0.01, realtime: false)
    end
  end
end
