# frozen_string_literal: true

module Namaskah
  # Decodes JSON values into models by a type descriptor (what the generated `attribute` lines give):
  # `:string`, `:integer`, `:number`, `:boolean`, `:unknown`, a model or union name (`"Verification"`),
  # `[:array, T]`, `[:map, T]` or `[:nullable, T]`. A value of the wrong shape is kept as it came.
  module Types
    module_function

    def decode(type, value)
      return value if value.nil?

      case type
      when String then resolve(type).decode_wire(value)
      when Array then decode_composite(type, value)
      else value
      end
    end

    def decode_composite(type, value)
      kind, inner = type
      case kind
      when :array then value.is_a?(Array) ? value.map { |v| decode(inner, v) } : value
      when :map then value.is_a?(Hash) ? value.transform_values { |v| decode(inner, v) } : value
      when :nullable then decode(inner, value)
      else value
      end
    end

    def resolve(name)
      Models.const_get(name, false)
    end

    # A request value as JSON data: models as their wire hash, OMIT entries dropped, symbol keys as strings.
    def to_wire(value)
      case value
      when BaseModel then value.to_h
      when Hash then value.each_with_object({}) { |(k, v), out| out[k.to_s] = to_wire(v) unless v.equal?(OMIT) }
      when Array then value.map { |v| to_wire(v) }
      else value
      end
    end
  end

  # The base of every generated model: a reader per field over the wire hash it was decoded from, so
  # `to_h` gives back exactly the JSON received (absent and null stay distinct: see `key?`).
  class BaseModel
    class << self
      # The fields: reader name -> [wire name, type descriptor].
      def fields
        @fields ||= {}
      end

      # Declares a field with a reader (generated code only).
      def attribute(name, wire, type)
        fields[name] = [wire, type]
        define_method(name) do
          @decoded.fetch(name) { @decoded[name] = Types.decode(type, @data[wire]) }
        end
      end

      # Decodes a JSON object; anything else stays as it came.
      def decode_wire(value)
        value.is_a?(Hash) ? new(value) : value
      end
    end

    # The response this model was decoded from (status, headers, request id, rate limit), when it was one.
    attr_accessor :last_response

    # `Money.new("amount" => 150)` (wire names) or `Money.new(amount: 150)` (reader names).
    def initialize(data = nil, **fields)
      wire = self.class.fields
      @data = (data || {}).transform_keys(&:to_s)
      fields.each do |name, value|
        key = wire.key?(name) ? wire[name][0] : name.to_s
        @data[key] = value unless value.equal?(OMIT)
      end
      @decoded = {}
    end

    # True when the field was present (even as null); a reader returns nil for both.
    def key?(name)
      wire = self.class.fields[name.to_sym]
      @data.key?(wire ? wire[0] : name.to_s)
    end

    # The value under a wire name, undecoded.
    def [](wire)
      @data[wire.to_s]
    end

    # The wire form (JSON data with wire names), as received or built.
    def to_h
      Types.to_wire(@data)
    end

    def to_json(*args)
      to_h.to_json(*args)
    end

    def ==(other)
      other.class == self.class && other.to_h == to_h
    end

    def inspect
      "#<#{self.class.name} #{to_h.inspect}>"
    end
  end

  # A union schema (generated modules extend it): decodes to the variant its discriminator names.
  module Union
    def variants(*names)
      @variants = names
    end

    def discriminator(property, mapping)
      @discriminator = property
      @mapping = mapping
    end

    def decode_wire(value)
      return value unless value.is_a?(Hash)

      name = @mapping[value[@discriminator]] if @discriminator
      name ? Types.resolve(name).decode_wire(value) : value
    end
  end
end
