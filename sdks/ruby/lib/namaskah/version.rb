# frozen_string_literal: true

module Namaskah
  # The gem's version: the only place it is written (the gemspec and the User-Agent read it).
  VERSION = "0.1.0"
end
