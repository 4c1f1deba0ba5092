/**
 * The shop in a browser: the pages, and the backend they talk to, which signs people in through the
 * authorization server and relays their calls to the services' public APIs with their token.
 */
package io.github.shopsaga.storefront;
