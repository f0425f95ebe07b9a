module.exports = require('../../eslint.meshport')(__dirname);
