package namaskah

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// WaitOption configures VerificationsService.WaitForCode.
type WaitOption func(*waitSettings)

type waitSettings struct {
	pollInterval time.Duration
	pollOnly     bool
	timeout      time.Duration
	realtime     []RealtimeOption
}

// WithPollInterval sets the polling period used when real time is unavailable (default 3 s).
func WithPollInterval(d time.Duration) WaitOption {
	return func(s *waitSettings) { s.pollInterval = d }
}

// WithPollOnly skips real time and polls only.
func WithPollOnly() WaitOption { return func(s *waitSettings) { s.pollOnly = true } }

// WithWaitTimeout bounds the wait when ctx has no deadline (default 20 minutes, a verification's lifetime).
func WithWaitTimeout(d time.Duration) WaitOption { return func(s *waitSettings) { s.timeout = d } }

// WithRealtimeOptions passes options to the real-time connection WaitForCode opens.
func WithRealtimeOptions(opts ...RealtimeOption) WaitOption {
	return func(s *waitSettings) { s.realtime = append(s.realtime, opts...) }
}

// WaitForCode returns the verification once it leaves `pending`: `completed` with its code, or a
// terminal failure state (cancelled, expired, failed). It listens on the real-time channel and polls
// Get as a safety net (every 3 s when real time is off, every 15 s when it is on), and reads it once more
// when the subscription is ready, so an SMS that lands while it subscribes is not missed. When real time
// is refused for good it polls at the normal pace; a key the API refuses fails the wait with its error.
//
//	v, err := client.Verifications.Create(ctx, namaskah.CreateVerificationRequest{Service: "whatsapp", Country: "US"})
//	done, err := client.Verifications.WaitForCode(ctx, v.ID)
//	fmt.Println(done.Status, done.Code.Value())
func (s *VerificationsService) WaitForCode(ctx context.Context, verificationID string, opts ...WaitOption) (*Verification, error) {
	settings := waitSettings{pollInterval: 3 * time.Second, timeout: 20 * time.Minute}
	for _, opt := range opts {
		opt(&settings)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, settings.timeout)
		defer cancel()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	current, err := s.Retrieve(ctx, verificationID)
	if err != nil || current.Status != VerificationStatusPending {
		return current, err
	}
	type result struct {
		v   *Verification
		err error
	}
	results := make(chan result, 2)
	period := settings.pollInterval
	var ready <-chan struct{}
	realtimeDown := make(chan struct{})
	if !settings.pollOnly {
		live := newRealtimeService(s.r).Connect(ctx, settings.realtime...)
		defer live.Close()
		ready = live.Ready()
		period = max(settings.pollInterval*5, 15*time.Second)
		go func() {
			for event := range live.All() {
				if v := terminalVerification(event, verificationID); v != nil {
					results <- result{v: v}
					return
				}
			}
			// Real time is over for good (refused key or scopes, no real time): poll at the normal pace; a
			// wrong key fails there with its typed error.
			close(realtimeDown)
		}()
	}
	go func() {
		timer := time.NewTimer(period)
		defer timer.Stop()
		for {
			select {
			case <-ctx.Done():
				results <- result{err: ctx.Err()}
				return
			case <-ready:
				// Subscribed: anything that happened before the subscription shows in one more Get.
				ready = nil
			case <-realtimeDown:
				realtimeDown, period = nil, settings.pollInterval
				timer.Reset(period)
				continue
			case <-timer.C:
				timer.Reset(period)
			}
			v, err := s.Retrieve(ctx, verificationID)
			if err != nil && ctx.Err() != nil {
				results <- result{err: ctx.Err()}
				return
			}
			if err == nil && v.Status != VerificationStatusPending {
				results <- result{v: v}
				return
			}
		}
	}()
	r := <-results
	return r.v, r.err
}

func terminalVerification(event RealtimeEvent, verificationID string) *Verification {
	if !strings.HasPrefix(event.Type, "verification.") {
		return nil
	}
	var payload struct {
		Data Verification `json:"data"`
	}
	if json.Unmarshal(event.Raw, &payload) != nil || payload.Data.ID != verificationID || payload.Data.Status == VerificationStatusPending {
		return nil
	}
	return &payload.Data
}
