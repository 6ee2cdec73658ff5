# frozen_string_literal: true

require_relative "test_helper"
require_relative "support/reference_server"
require_relative "support/e2e_scenario"
require "open3"
require "tmpdir"

# End to end against the reference server: the scenario in-process, the example, and the built gem
# installed into a fresh GEM_HOME running the same scenario. NAMASKAH_SKIP_E2E=1 skips (unit runs).
class E2ETest < Minitest::Test
  SDK = File.expand_path("..", __dir__)

  def setup
    skip "NAMASKAH_SKIP_E2E is set" if ENV["NAMASKAH_SKIP_E2E"] == "1"
    @url = ReferenceServer.boot
  end

  def test_scenario_in_process
    assert_match(/\Ae2e ok/, E2EScenario.run(@url))
  end

  def test_example_runs_against_the_server
    out, status = Open3.capture2e({ "NAMASKAH_BASE_URL" => @url }, "ruby", "-I", File.join(SDK, "lib"),
                                  File.join(ROOT, "examples", "ruby", "buy_verification.rb"), "--inject-sms",
                                  "--timeout", "30")
    assert status.success?, out
    assert_includes out, "code: 482913"
  end

  def test_built_gem_installs_into_a_fresh_gem_home_and_runs_the_scenario
    Dir.mktmpdir("namaskah-gem-") do |dir|
      out, status = Open3.capture2e("gem", "build", "namaskah.gemspec", "--output", File.join(dir, "namaskah.gem"),
                                    chdir: SDK)
      assert status.success?, out
      home = File.join(dir, "home")
      env = { "GEM_HOME" => home, "GEM_PATH" => home, "RUBYOPT" => nil, "RUBYLIB" => nil }
      out, status = Open3.capture2e(env, "gem", "install", "--local", "--no-document", File.join(dir, "namaskah.gem"))
      assert status.success?, out
      # Outside the source tree, so only the installed gem can satisfy `require "namaskah"`.
      script = File.join(dir, "scenario.rb")
      File.write(script, File.read(File.join(__dir__, "support", "e2e_scenario.rb")))
      out, status = Open3.capture2e(env.merge("NAMASKAH_BASE_URL" => @url), "ruby", "-e",
                                    "require 'namaskah'; abort 'not the installed gem' unless " \
                                    "$LOADED_FEATURES.grep(/namaskah\\.rb/).first.start_with?(ENV['GEM_HOME']); " \
                                    "load '#{script}'; puts E2EScenario.run(ENV['NAMASKAH_BASE_URL'])", chdir: dir)
      assert status.success?, out
      assert_match(/e2e ok/, out)
    end
  end
end
