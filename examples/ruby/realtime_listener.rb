# frozen_string_literal: true

# Print every event of the account as it happens, over the real-time stream (Server-Sent Events).
#
#   NAMASKAH_BASE_URL=http://127.0.0.1:8080 ruby -I sdks/ruby/lib examples/ruby/realtime_listener.rb
#
# The stream reconnects by itself with jittered backoff and resumes after the last event id, so no event is
# lost; a fatal error (401, 403, 410 resume_window_exceeded) is raised as its typed error.
require "namaskah"
require_relative "credentials"

client = Namaskah::Client.new(api_key: ExampleCredentials.api_key)
$stdout.sync = true
puts "listening"
begin
  client.realtime.listen do |event|
    code = event.type == "verification.completed" ? " code=#{event.data.code}" : ""
    puts "event #{event.sequence} #{event.type}#{code}"
  end
rescue Interrupt
  nil
end
