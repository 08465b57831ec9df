"""Payment providers, one module per protocol and in its own vocabulary: payme (JSON-RPC
Merchant API), click (SHOP API Prepare/Complete), webpay (payment form and signed notify),
sandbox (demo only). pay_urls builds what a QR links to; secret_store keeps the secrets a
provider changes at run time."""
