/** NumPy .npy files in numpy's (z, y, x) order. */
package org.lungprep.io.npy;
