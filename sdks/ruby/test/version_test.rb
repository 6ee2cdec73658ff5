# frozen_string_literal: true

require_relative "test_helper"
require "open3"

# One version for every SDK: sdks/VERSION, stamped into lib/namaskah/version.rb by scripts/stamp-version.mjs.
class VersionTest < Minitest::Test
  def test_the_gem_carries_sdks_version
    assert_equal File.read(File.join(ROOT, "sdks", "VERSION")).strip, Namaskah::VERSION
    assert_includes Namaskah::Client::USER_AGENT, "namaskah-ruby/#{Namaskah::VERSION}"
  end

  def test_every_stamped_file_agrees
    out, status = Open3.capture2e("node", File.join(ROOT, "scripts", "stamp-version.mjs"), "--check")
    assert status.success?, out
  end
end
