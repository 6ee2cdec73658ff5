# frozen_string_literal: true

require "net/http"
require "socket"
require "tmpdir"

# Starts the reference server (server-reference/) as a child process on a free port, with an in-memory
# database and the simulator provider, like the Python and Go end-to-end tests.
module ReferenceServer
  ROOT = File.expand_path("../../../..", __dir__)

  module_function

  def node
    bundled = File.join(ROOT, ".toolchain", "node_modules", ".bin", "node")
    return bundled if File.exist?(bundled)

    ENV["PATH"].split(File::PATH_SEPARATOR).map { |d| File.join(d, "node") }.find { |f| File.executable?(f) } or
      raise "node is needed to start the reference server: run scripts/bootstrap.sh"
  end

  def free_port
    server = TCPServer.new("127.0.0.1", 0)
    server.addr[1]
  ensure
    server&.close
  end

  # Starts a server for this process and returns its base URL; it is stopped when the process exits.
  def boot
    @boot ||= begin
      pid, url = spawn_server
      at_exit { stop(pid) }
      url
    end
  end

  # Yields the base URL of a running server; stops it afterwards.
  def start
    pid, url = spawn_server
    yield url
  ensure
    stop(pid) if pid
  end

  def spawn_server
    port = free_port
    env = { "PORT" => port.to_s, "DATA_DIR" => "memory://", "LOG_LEVEL" => "warn",
            # Only the SMS the tests inject: the simulator's own message would race them.
            "SIMULATOR_SMS_DELAY_MS" => "600000", "SWEEP_INTERVAL_MS" => "0",
            "DATABASE_URL" => nil, "REDIS_URL" => nil }
    log = File.join(Dir.tmpdir, "namaskah-ruby-e2e-#{port}.log")
    # Its own process group, so stopping it also stops the node processes tsx starts.
    pid = Process.spawn(env, node, "--import", "tsx", "src/main.ts", chdir: File.join(ROOT, "server-reference"),
                                                                     out: log, err: [:child, :out], pgroup: true)
    url = "http://127.0.0.1:#{port}"
    begin
      wait_until_up(url, pid, log)
    rescue StandardError
      stop(pid)
      raise
    end
    [pid, url]
  end

  def wait_until_up(url, pid, log)
    deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + 90
    loop do
      raise "the reference server exited:\n#{File.read(log)}" if Process.waitpid(pid, Process::WNOHANG)

      begin
        Net::HTTP.get_response(URI("#{url}/v1/health"))
        return
      rescue SystemCallError, IOError
        if Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
          raise "the reference server did not start within 90 s"
        end

        sleep 0.3
      end
    end
  end

  def stop(pid)
    Process.kill("TERM", -pid)
    Process.wait(pid)
  rescue Errno::ESRCH, Errno::ECHILD
    nil
  end
end
