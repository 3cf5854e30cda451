/**
 * SciJava commands, one per step: thin wrappers that check their inputs (cancelling with a clear reason), convert
 * ImagePlus to and from volumes and call the library. They carry no menu path: the ImageJ 1.x entries in
 * plugins.config reach them through {@link org.lungprep.ij1.CommandPlugIn}, so Fiji shows each step once.
 */
package org.lungprep.commands;
