# frozen_string_literal: true

require_relative "lib/namaskah/version"

Gem::Specification.new do |spec|
  spec.name = "namaskah"
  spec.version = Namaskah::VERSION
  spec.summary = "Official Ruby SDK for the Namaskah SMS-verification API"
  spec.description = "Typed resources, retries with backoff, idempotency keys, typed errors, auto-pagination, " \
                     "webhook verification and real-time events, on the standard library only."
  spec.authors = ["Namaskah"]
  spec.license = "MIT"
  spec.homepage = "https://github.com/namaskah/namaskah"
  spec.required_ruby_version = ">= 3.1"
  spec.files = Dir["lib/**/*.rb", "sig/**/*.rbs", "README.md", "API.md"]
  spec.require_paths = ["lib"]
  spec.metadata["rubygems_mfa_required"] = "true"
end
