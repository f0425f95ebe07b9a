module.exports = require('../../eslint.meshport')(__dirname, {}, require('./layers'));
