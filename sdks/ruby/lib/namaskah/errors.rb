# frozen_string_literal: true

# Errors: a class per status family; lib/namaskah/generated/errors.rb adds one per problem code.
module Namaskah
  # The base of every error the SDK raises.
  class Error < StandardError; end

  # The API answered with an error status. Subclasses per status family (NotFoundError, ...) and per
  # problem code (InsufficientBalanceError < PaymentRequiredError, ...).
  #
  # @example
  #   begin
  #     client.verifications.create(service: "whatsapp", country: "US")
  #   rescue Namaskah::InsufficientBalanceError => e
  #     puts "top up first (#{e.request_id})"
  #   end
  class APIError < Error
    attr_reader :status, :code, :problem, :body, :request_id, :headers, :rate_limit

    def initialize(status, body, headers)
      @status = status
      @body = body
      @problem = body.is_a?(Hash) ? body : nil
      problem = @problem || {}
      @code = problem["code"].is_a?(String) ? problem["code"] : nil
      request_id = headers["request-id"] || problem["request_id"]
      @request_id = request_id.is_a?(String) ? request_id : nil
      @headers = headers
      @rate_limit = RateLimit.parse(headers)
      super(message_for(problem, body))
    end

    # Field-level errors of a `validation_failed` problem.
    def field_errors
      errors = (@problem || {})["errors"]
      errors.is_a?(Array) ? errors.grep(Hash) : []
    end

    private

    def message_for(problem, body)
      detail = problem["detail"] || problem["title"]
      detail ||= body[0, 200] if body.is_a?(String) && !body.empty?
      [status.to_s, code].compact.join(" ") + (detail ? ": #{detail}" : "")
    end
  end

  class BadRequestError < APIError; end
  class AuthenticationError < APIError; end
  class PaymentRequiredError < APIError; end
  class PermissionDeniedError < APIError; end
  class NotFoundError < APIError; end
  class ConflictError < APIError; end
  class GoneError < APIError; end
  class PayloadTooLargeError < APIError; end
  class UnsupportedMediaTypeError < APIError; end
  class UnprocessableEntityError < APIError; end
  class RateLimitError < APIError; end
  class InternalServerError < APIError; end

  STATUS_ERROR_CLASSES = {
    400 => BadRequestError, 401 => AuthenticationError, 402 => PaymentRequiredError,
    403 => PermissionDeniedError, 404 => NotFoundError, 409 => ConflictError, 410 => GoneError,
    413 => PayloadTooLargeError, 415 => UnsupportedMediaTypeError, 422 => UnprocessableEntityError,
    429 => RateLimitError
  }.freeze

  # The call needs an API key or access token and the client was built without one; nothing was sent.
  class MissingCredentialsError < Error
    # The refused call, "GET /v1/wallet".
    attr_reader :operation

    def initialize(operation)
      @operation = operation
      super("#{operation} needs credentials: pass api_key: to Namaskah::Client.new or set NAMASKAH_API_KEY")
    end
  end

  # The request never got an HTTP response (DNS, refused connection, reset, TLS).
  class APIConnectionError < Error; end

  # An attempt took longer than its open or read timeout.
  class APITimeoutError < APIConnectionError; end

  # Webhook verification failed: bad signature, timestamp outside the tolerance, or a missing header.
  class WebhookVerificationError < Error; end

  # Webhooks.verify was given a parsed object instead of the raw body.
  class WebhookRawBodyError < WebhookVerificationError; end

  # The real-time stream failed for good (authentication, a resume window exceeded, ...).
  class StreamError < Error; end

  # The most specific error for a response: the problem code's class when it belongs to the status
  # family, else the family's class.
  def self.api_error(status, body, headers)
    family = STATUS_ERROR_CLASSES[status] || (status >= 500 ? InternalServerError : APIError)
    code = body.is_a?(Hash) ? body["code"] : nil
    specific = PROBLEM_ERROR_CLASSES[code] if code.is_a?(String)
    (specific && specific <= family ? specific : family).new(status, body, headers)
  end
end
