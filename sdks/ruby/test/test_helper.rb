# frozen_string_literal: true

$LOAD_PATH.unshift(File.expand_path("../lib", __dir__)) unless ENV["NAMASKAH_GEM_INSTALLED"]
require "namaskah"
require "json"
require "minitest/autorun"

ROOT = File.expand_path("../../..", __dir__)
