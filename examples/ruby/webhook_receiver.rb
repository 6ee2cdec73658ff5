# frozen_string_literal: true

# Receive Namaskah webhooks and check their Standard Webhooks signature before trusting them.
#
#   NAMASKAH_WEBHOOK_SECRET=whsec_... PORT=4242 ruby -I sdks/ruby/lib examples/ruby/webhook_receiver.rb
#
# Register http(s)://<this host>:4242/webhooks as an endpoint (POST /v1/webhook-endpoints); its secret is what
# NAMASKAH_WEBHOOK_SECRET must hold. A 2xx tells Namaskah the delivery arrived; anything else (or no answer
# within 15 s) makes it retry later. The tiny HTTP server below is only the standard library's TCPServer, so
# the example runs on a bare Ruby; in Rails or Sinatra pass `request.raw_post` / `request.body.read` to
# `verify` the same way.
require "namaskah"
require "socket"

secret = ENV.fetch("NAMASKAH_WEBHOOK_SECRET")
port = Integer(ENV.fetch("PORT", "4242"))
seen = {} # delivery is at least once: dedupe by event id (use your database)

# Reads one HTTP/1.1 request: [method, path, headers, raw body].
def read_request(socket)
  method, path = socket.gets("\r\n").to_s.split(" ", 3)
  headers = {}
  while (line = socket.gets("\r\n")) && line != "\r\n"
    name, value = line.split(":", 2)
    headers[name.strip.downcase] = value.to_s.strip
  end
  [method, path, headers, socket.read(Integer(headers.fetch("content-length", "0")))]
end

def respond(socket, status)
  socket.write("HTTP/1.1 #{status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
end

server = TCPServer.new("127.0.0.1", port)
$stdout.sync = true
puts "listening on http://127.0.0.1:#{port}/webhooks"
loop do
  socket = server.accept
  begin
    method, path, headers, body = read_request(socket)
    next respond(socket, "404 Not Found") unless method == "POST" && path == "/webhooks"

    begin
      event = Namaskah::Webhooks.verify(body, headers, secret) # the raw body, exactly as received
    rescue Namaskah::WebhookVerificationError => e
      puts "rejected: #{e.message}"
      next respond(socket, "400 Bad Request")
    end
    respond(socket, "204 No Content")
    next if seen[event.id]

    seen[event.id] = true
    code = event.type == "verification.completed" ? " code=#{event.data.code}" : ""
    puts "verified #{event.type} #{event.id}#{code}"
  ensure
    socket.close
  end
end
