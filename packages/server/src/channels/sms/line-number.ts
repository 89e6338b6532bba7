// The spelling rule lives in core, shared with the phone system's call events (modules/telephony).
export { lineNumberKey } from '@openline/core';
