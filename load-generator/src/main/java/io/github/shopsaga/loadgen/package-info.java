/** Open-loop benchmark of the whole order saga, driven over the suite's public HTTP API. */
package io.github.shopsaga.loadgen;
