export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';
