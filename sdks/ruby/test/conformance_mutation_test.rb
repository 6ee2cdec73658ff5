# frozen_string_literal: true

require_relative "test_helper"
require_relative "conformance_test"
require "minitest/mock"

# The conformance cases must notice a broken SDK: without Retry-After handling the retry-after cases fail.
class ConformanceMutationTest < Minitest::Test
  def test_retry_after_cases_fail_without_retry_after_handling
    file = File.join(ConformanceTest::CASES, "retries", "retry-after.json")
    cases = JSON.parse(File.read(file))["cases"]
    failures = Namaskah::RetryPolicy.stub(:server_delay, nil) do
      cases.count do |kase|
        ConformanceTest.new("mutation").send(:run_http, kase)
        false
      rescue Minitest::Assertion
        true
      end
    end
    assert_operator failures, :>=, 2, "removing Retry-After handling should turn the retry-after cases red"
  end
end
