/**
 * The ImageJ 1.x side: volumes to and from {@code ImagePlus}, with calibration in mm and HU. Only this package and
 * {@code commands} import {@code ij.*}.
 */
package org.lungprep.ij1;
