module example.com/namaskah-examples

go 1.24

require github.com/namaskah/namaskah/sdks/go v0.0.0

require github.com/coder/websocket v1.8.14 // indirect

replace github.com/namaskah/namaskah/sdks/go => ../../sdks/go
