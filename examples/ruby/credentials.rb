# frozen_string_literal: true

require "namaskah"

# The examples' credentials: $NAMASKAH_API_KEY, or else an access token from logging in as
# $NAMASKAH_EMAIL / $NAMASKAH_PASSWORD (the reference server's demo account by default).
module ExampleCredentials
  def self.api_key
    return ENV["NAMASKAH_API_KEY"] if ENV["NAMASKAH_API_KEY"] && !ENV["NAMASKAH_API_KEY"].empty?

    login = Namaskah::Client.new(api_key: "").auth.login(
      email: ENV.fetch("NAMASKAH_EMAIL", "demo@namaskah.dev"),
      password: ENV.fetch("NAMASKAH_PASSWORD", "demo-password-123")
    )
    unless login.is_a?(Namaskah::Models::LoginAuthenticated)
      abort "this account needs a second factor: use an API key instead"
    end

    login.tokens.access_token
  end
end
