//! The JSON body of a request: actix-web's extractor (content type, size limit, syntax, the
//! problem documents of `extractor_config`), plus the rule that a body is a JSON object. serde
//! would otherwise read an array as the fields of a struct in order (`[null, null]` as a change
//! that changes nothing) and a client's mistake would pass unseen.

use std::ops::{Deref, DerefMut};

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::error::ApiError;

/// A request body that is a JSON object read as `T`.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let raw = web::Json::<Box<RawValue>>::from_request(request, payload);
        Box::pin(async move {
            let raw = raw.await?.into_inner();
            if !raw.get().starts_with('{') {
                let refusal = "invalid type: the body must be a JSON object";
                return Err(ApiError::invalid_field("body", "invalid_type", refusal).into());
            }
            serde_json::from_str(raw.get()).map(Json).map_err(|error| {
                ApiError::from(actix_web::error::JsonPayloadError::Deserialize(error)).into()
            })
        })
    }
}
