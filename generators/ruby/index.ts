export { emitRuby, RUBY_GENERATOR, rubyEmitter } from './emitter.js';
