# frozen_string_literal: true

# Buy a verification and print the code the moment it arrives, over the real-time stream.
#
#   NAMASKAH_BASE_URL=http://127.0.0.1:8080 ruby -I sdks/ruby/lib examples/ruby/buy_verification.rb --country US
#
# Credentials: $NAMASKAH_API_KEY, or else $NAMASKAH_EMAIL / $NAMASKAH_PASSWORD (the reference server's demo
# account by default). With --inject-sms (sandbox servers only) the script delivers a test SMS itself instead of
# waiting for the provider.
require "namaskah"
require_relative "credentials"
require "optparse"
require "timeout"

options = { service: "whatsapp", country: "US", timeout: 120, inject_sms: false }
OptionParser.new do |opts|
  opts.on("--service NAME") { |v| options[:service] = v }
  opts.on("--country CODE") { |v| options[:country] = v }
  opts.on("--timeout SECONDS", Float) { |v| options[:timeout] = v }
  opts.on("--inject-sms", "sandbox: send a test SMS to the number") { options[:inject_sms] = true }
end.parse!

client = Namaskah::Client.new(api_key: ExampleCredentials.api_key)
events = Queue.new
listener = Thread.new do
  client.realtime.listen { |event| events << event }
rescue Namaskah::Error => e
  events << e # a fatal stream error (401, 403, ...): surfaced by the main thread
end
sleep 0.5 # let the stream open before buying, so no event is missed

verification = client.verifications.create(service: options[:service], country: options[:country])
puts "rented #{verification.phone_number} for #{verification.service} (#{verification.id}), " \
     "#{verification.price.amount} #{verification.price.currency} minor units"
if options[:inject_sms]
  client.verifications.sandbox_sms.create(verification.id,
                                          text: "Your #{options[:service]} code is 482-913")
end

code = Timeout.timeout(options[:timeout]) do
  loop do
    event = events.pop
    raise event if event.is_a?(Exception)
    next unless event.respond_to?(:data) && event.type == "verification.completed" && event.data.id == verification.id

    break event.data.code
  end
end
listener.kill
puts "code: #{code}"
