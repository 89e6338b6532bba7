import { parseCodeMap, type SmsGatewayConfig } from '../../src/config-sms-gateways.js';

/** The push token of the Aliyun and Tencent paths in the access matrix and the fuzz suite. */
export const TEST_SMS_PUSH_TOKEN = 'route-fixture-sms-push-token';
export const TEST_TWILIO_AUTH_TOKEN = 'route-fixture-twilio-auth-token';
export const TEST_TWILIO_BASE_URL = 'https://openline.test';

/** Every provider format open; any destination code reaches the fixture's staffed line (0000-12345678). */
export const TEST_SMS_GATEWAYS: SmsGatewayConfig = {
  inbound: {
    aliyun: { token: TEST_SMS_PUSH_TOKEN, destCodes: parseCodeMap('codes', '*=0000-12345678', /^\d*$/) },
    tencent: { token: TEST_SMS_PUSH_TOKEN, extendCodes: parseCodeMap('codes', '*=0000-12345678', /^\d*$/) },
    twilio: { authToken: TEST_TWILIO_AUTH_TOKEN, webhookBaseUrl: TEST_TWILIO_BASE_URL },
    pushAllowedIps: undefined,
  },
  sender: undefined,
};
