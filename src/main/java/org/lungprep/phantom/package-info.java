/** A synthetic chest CT with known anatomy: ground truth for tests, and the demo's input. */
package org.lungprep.phantom;
