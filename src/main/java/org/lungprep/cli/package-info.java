/**
 * The command-line front ({@code java -jar lungprep-cli.jar …}), built with picocli: one class per
 * subcommand, all of them thin over {@link org.lungprep.pipeline}. Errors reach the user as one line
 * naming the file and the reason ({@code --debug} adds the stack trace); exit code 0 on success,
 * 1 on failure, 2 on bad usage.
 */
package org.lungprep.cli;
