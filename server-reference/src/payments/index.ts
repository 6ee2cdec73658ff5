export { loadPaymentConfig, type PaymentConfig } from './payment-config.ts';
export { createPayments, type Payments } from './payments.ts';
export { stripeEventRoutes } from './stripe/stripe-event-route.ts';
export { autoTopUpConsumer } from './auto-top-up-consumer.ts';
