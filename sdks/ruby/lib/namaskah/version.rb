# frozen_string_literal: true

module Namaskah
  # The gem's version (the gemspec and the User-Agent read it). Stamped by scripts/stamp-version.mjs from
  # sdks/VERSION; do not edit by hand.
  VERSION = "0.1.0"
end
