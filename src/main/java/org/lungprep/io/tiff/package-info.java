/** ImageJ-compatible TIFF stacks with calibration, written without ImageJ. */
package org.lungprep.io.tiff;
