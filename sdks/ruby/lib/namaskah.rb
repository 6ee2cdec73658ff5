# frozen_string_literal: true

require "json"
require "logger"
require "net/http"
require "openssl"
require "securerandom"
require "uri"

require_relative "namaskah/version"
require_relative "namaskah/omit"
require_relative "namaskah/types"
require_relative "namaskah/errors"
require_relative "namaskah/rate_limit"
require_relative "namaskah/retry_policy"
require_relative "namaskah/transport"
require_relative "namaskah/page"
require_relative "namaskah/event_stream"
require_relative "namaskah/api_resource"
require_relative "namaskah/generated/constants"
require_relative "namaskah/generated/models"
require_relative "namaskah/generated/errors"
require_relative "namaskah/generated/resources"
require_relative "namaskah/webhooks"
require_relative "namaskah/realtime"
require_relative "namaskah/client"

# The official Ruby SDK of the Namaskah SMS-verification API. Start with Namaskah::Client.
module Namaskah
end
