# frozen_string_literal: true

require "socket"

# A minimal HTTP/1.1 server on a TCPServer for the transport tests (stdlib only; no WEBrick in Ruby 3.x):
# keep-alive, a handler per request, and raw socket access for streaming. Records requests and connections.
class TinyServer
  Request = Struct.new(:verb, :path, :headers, :body, :connection, keyword_init: true)

  attr_reader :requests, :connections

  # handler: ->(request, socket) { [status, headers, body] } or nil after writing to the socket itself
  # (the connection is then closed).
  def initialize(&handler)
    @handler = handler
    @server = TCPServer.new("127.0.0.1", 0)
    @requests = Queue.new
    @connections = 0
    @threads = []
    @acceptor = Thread.new { loop { accept(@server.accept) } }
  end

  def url = "http://127.0.0.1:#{@server.addr[1]}"

  def close
    @acceptor.kill
    @threads.each(&:kill)
    @server.close
  end

  def recorded
    list = []
    list << @requests.pop until @requests.empty?
    list
  end

  private

  def accept(socket)
    @connections += 1
    index = @connections
    @threads << Thread.new do
      serve(socket, index)
    rescue IOError, SystemCallError
      nil
    ensure
      socket.close unless socket.closed?
    end
  end

  def serve(socket, index)
    while (line = socket.gets)
      method, path = line.split
      headers = {}
      while (header = socket.gets) && header != "\r\n"
        name, value = header.split(":", 2)
        headers[name.downcase] = value.strip
      end
      body = socket.read(headers["content-length"].to_i) if headers["content-length"]
      request = Request.new(verb: method, path: path, headers: headers, body: body, connection: index)
      @requests << request
      answer = @handler.call(request, socket)
      return if answer.nil?

      status, extra, content = answer
      content = content.to_s
      head = { "content-length" => content.bytesize.to_s, "content-type" => "application/json" }.merge(extra)
      socket.write("HTTP/1.1 #{status} X\r\n#{head.map { |k, v| "#{k}: #{v}\r\n" }.join}\r\n#{content}")
    end
  end
end
