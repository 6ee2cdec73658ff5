# frozen_string_literal: true

module Namaskah
  # The base of every generated resource class: holds the client whose engine its methods call.
  class APIResource
    def initialize(client)
      @client = client
    end

    def inspect = "#<#{self.class.name}>"
  end
end
