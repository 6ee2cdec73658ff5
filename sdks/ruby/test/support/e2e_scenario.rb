# frozen_string_literal: true

# The end-to-end scenario, run in-process by e2e_test.rb and, against the gem installed into a fresh
# GEM_HOME, as a script by the packaging test: log in, create an API key and use it, buy a verification,
# inject an SMS, wait_for_code, paginate, a typed error, a webhook signature round trip.
#   NAMASKAH_BASE_URL=http://127.0.0.1:8080 ruby test/support/e2e_scenario.rb
require "namaskah"

module E2EScenario
  module_function

  def check(condition, message)
    raise "e2e: #{message}" unless condition
  end

  def run(base_url)
    anonymous = Namaskah::Client.new(api_key: "", base_url: base_url)
    login = anonymous.auth.login(email: "demo@namaskah.dev", password: "demo-password-123")
    check(login.is_a?(Namaskah::Models::LoginAuthenticated), "login: #{login.inspect}")
    session = Namaskah::Client.new(api_key: login.tokens.access_token, base_url: base_url)
    key = session.api_keys.create(name: "ruby e2e #{Time.now.to_f}", scopes: %w[verifications:read verifications:write
                                                                                wallet:read])
    check(key.secret.start_with?("nmk_"), "api key secret #{key.secret[0, 8]}")
    client = Namaskah::Client.new(api_key: key.secret, base_url: base_url)

    before = client.wallet.retrieve.balance.amount
    options = { idempotency_key: "ruby-e2e-#{Time.now.to_f}" }
    verification = client.verifications.create(service: "whatsapp", country: "US", request_options: options)
    replay = client.verifications.create(service: "whatsapp", country: "US", request_options: options)
    check(replay.id == verification.id && verification.status == "pending", "idempotent create")
    check(client.wallet.retrieve.balance.amount == before - verification.price.amount, "charged once")
    check(verification.last_response.request_id, "request id on the response")

    session.verifications.sandbox_sms.create(verification.id, text: "Your WhatsApp code is 482-913")
    done = client.verifications.wait_for_code(verification.id, timeout: 20, poll_interval: 0.2)
    check(done.status == "completed" && done.code == "482913", "wait_for_code: #{done.status} #{done.code}")

    client.verifications.create(service: "whatsapp", country: "US")
    ids = client.verifications.list(limit: 1).auto_paging_each.lazy.map(&:id).first(2)
    check(ids.size == 2 && ids.uniq.size == 2 && ids.include?(verification.id), "pagination: #{ids}")

    begin
      client.verifications.retrieve("#{verification.id[0..-2]}#{verification.id[-1] == "A" ? "B" : "A"}")
      check(false, "expected NotFoundError")
    rescue Namaskah::NotFoundError => e
      check(e.status == 404 && e.request_id, "typed error carries the request id")
    end

    secret = "whsec_#{[Random.bytes(24)].pack("m0")}"
    payload = JSON.generate({ id: "evt_1", type: "verification.completed", created_at: Time.now.utc.iso8601,
                              sequence: 1, data: done.to_h })
    event = Namaskah::Webhooks.verify(payload, Namaskah::Webhooks.sign(payload, secret), secret)
    check(event.is_a?(Namaskah::Models::VerificationCompletedEvent) && event.data.code == "482913", "webhook event")
    "e2e ok: #{verification.id} code #{done.code}"
  end
end

puts E2EScenario.run(ENV.fetch("NAMASKAH_BASE_URL")) if $PROGRAM_NAME == __FILE__
