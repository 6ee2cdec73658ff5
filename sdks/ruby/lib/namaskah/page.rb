# frozen_string_literal: true

module Namaskah
  # One page of a cursor-paginated list. `data` is this page's items; `auto_paging_each` (or `each`:
  # a Page is Enumerable over every item of every page) fetches the next pages as it goes, lazily.
  #
  # @example
  #   client.verifications.list(limit: 50).auto_paging_each { |v| puts v.id }
  #   client.verifications.list.auto_paging_each.lazy.select { |v| v.status == "completed" }.first(10)
  class Page
    include Enumerable

    attr_reader :page

    def initialize(page, item_type, pagination, &fetch_next)
      @page = page
      @item_type = item_type
      @pagination = pagination
      @fetch_next = fetch_next
    end

    # This page's items.
    def data
      items = @page.is_a?(BaseModel) ? @page[@pagination[:items]] : nil
      Array(items).map { |item| Types.decode(@item_type, item) }
    end

    def has_more?
      @page.is_a?(BaseModel) && @page[@pagination[:has_more]] == true && !next_cursor.nil?
    end

    def next_cursor
      @page[@pagination[:next_cursor]] if @page.is_a?(BaseModel)
    end

    # The next page, or nil after the last.
    def next_page
      has_more? ? @fetch_next.call(next_cursor) : nil
    end

    # Yields every item of this page and the following ones; an Enumerator without a block.
    def auto_paging_each(&block)
      return enum_for(:auto_paging_each) unless block

      page = self
      while page
        page.data.each(&block)
        page = page.next_page
      end
    end
    alias each auto_paging_each

    def last_response = @page.respond_to?(:last_response) ? @page.last_response : nil

    def to_h = @page.respond_to?(:to_h) ? @page.to_h : @page
  end
end
