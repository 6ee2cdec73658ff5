package namaskah

import "iter"

// paginate walks a cursor-paginated list: fetch a page (cursor "" for the first), yield its items,
// follow the next cursor while the page says there are more. Breaking out of the loop stops fetching;
// an error is yielded once and ends the iteration.
func paginate[P, T any](fetch func(cursor string) (*P, error), extract func(*P) (items []T, hasMore bool, next string)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := ""
		for {
			page, err := fetch(cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			items, more, next := extract(page)
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if !more || next == "" || next == cursor {
				return
			}
			cursor = next
		}
	}
}

// Collect gathers up to limit items of a paginated iterator (every item when limit <= 0) and the first
// error.
//
//	verifications, err := namaskah.Collect(client.Verifications.List(ctx, namaskah.ListVerificationsParams{}), 100)
func Collect[T any](seq iter.Seq2[T, error], limit int) ([]T, error) {
	var items []T
	for item, err := range seq {
		if err != nil {
			return items, err
		}
		items = append(items, item)
		if limit > 0 && len(items) >= limit {
			break
		}
	}
	return items, nil
}
