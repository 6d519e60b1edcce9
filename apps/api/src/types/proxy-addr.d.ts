// proxy-addr (Express's own dependency for req.ip) ships no types; these are the parts we use.
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';

  type TrustFunction = (address: string, hop: number) => boolean;
  function proxyaddr(request: IncomingMessage, trust: TrustFunction): string;
  namespace proxyaddr {
    function compile(trust: string | string[]): TrustFunction;
  }
  export default proxyaddr;
}
