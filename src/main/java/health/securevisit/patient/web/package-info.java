/** The patient REST API and the staff patient list page; every endpoint asks the access decision point first. */
@NullMarked
package health.securevisit.patient.web;

import org.jspecify.annotations.NullMarked;
