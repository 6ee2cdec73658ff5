package namaskah

// Client is the Namaskah API client: one service per API tag (client.Verifications,
// client.WebhookEndpoints, ...), each method taking a context.Context first and per-call Options last.
// A Client is safe for concurrent use.
//
//	client := namaskah.NewClient(namaskah.WithAPIKey(os.Getenv("NAMASKAH_API_KEY")))
//	v, err := client.Verifications.Create(ctx, namaskah.CreateVerificationRequest{Service: "whatsapp", Country: "US"})
//	if err != nil { ... }
//	done, err := client.Verifications.WaitForCode(ctx, v.ID)
type Client struct {
	services
	r *requester
}

// NewClient builds a client. Without WithAPIKey it reads NAMASKAH_API_KEY; without WithBaseURL,
// NAMASKAH_BASE_URL, else DefaultBaseURL.
func NewClient(opts ...Option) *Client {
	r := &requester{settings: defaultSettings().with(opts)}
	return &Client{services: newServices(r), r: r}
}

// BaseURL is the API base URL the client sends to.
func (c *Client) BaseURL() string { return c.r.settings.baseURL }
