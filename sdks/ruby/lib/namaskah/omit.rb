# frozen_string_literal: true

module Namaskah
  # The default of every optional argument: "not given", so the parameter is left out of the request.
  # (Passing `nil` sends JSON `null` in a body, which the API may treat differently.)
  OMIT = Object.new.tap do |omit|
    def omit.inspect = "Namaskah::OMIT"
    def omit.to_s = inspect
  end.freeze
end
